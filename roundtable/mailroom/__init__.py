"""Mail in: the LMTP server and what each recipient address means (a list post, a reply to a
notification, a bounce), every message handled through the same actions and door as the web."""

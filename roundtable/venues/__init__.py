"""Venues (the forums: IGF, ITU...) and the roles people hold at them, below both the accounts
(stakeholders) and the processes, which refer to them and do not know each other."""

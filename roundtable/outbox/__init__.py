"""Mail out: messages queued durably and delivered by the task workers with retries and back-off,
VERP return paths so bounces find their recipient."""

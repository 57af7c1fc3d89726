-- Issue 5: remote media is now fetched and cached. The cache remembers image dimensions (for
-- thumbnails) and whether an item arrived while the unauthenticated endpoints were frozen.
ALTER TABLE remote_media_cache ADD COLUMN width INT;
ALTER TABLE remote_media_cache ADD COLUMN height INT;
ALTER TABLE remote_media_cache ADD COLUMN after_freeze BOOLEAN DEFAULT FALSE NOT NULL;

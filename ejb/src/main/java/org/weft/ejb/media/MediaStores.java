package org.weft.ejb.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.weft.ejb.config.WeftSettings;

/** The one place that decides which {@link MediaStore} holds media bytes (today: files under weft.media.dir). */
@ApplicationScoped
public class MediaStores {

    @Inject
    WeftSettings settings;

    /** The store as configured now (settings are read when used, so this is not cached). */
    public MediaStore current() {
        return new FileSystemMediaStore(settings.media().directory());
    }
}

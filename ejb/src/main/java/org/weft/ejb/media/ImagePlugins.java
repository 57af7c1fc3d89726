package org.weft.ejb.media;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * Registers the ImageIO plugins shipped in the EAR (TwelveMonkeys) at deployment and removes them
 * at undeployment. ImageIO's registry is JVM-wide and only scans the class path by itself, so in a
 * modular server the deployment must register its own plugins, and must take them back out or a
 * redeployment would leak its class loader.
 */
@Singleton
@Startup
public class ImagePlugins {

    private final List<Object> ours = new ArrayList<>();

    @PostConstruct
    void register() {
        ImageIO.scanForPlugins(); // with the deployment's class loader as the context loader
        IIORegistry registry = IIORegistry.getDefaultInstance();
        for (Class<?> category : List.of(ImageReaderSpi.class, ImageWriterSpi.class)) {
            for (Iterator<?> it = registry.getServiceProviders(category, false); it.hasNext(); ) {
                Object provider = it.next();
                if (provider.getClass().getClassLoader() == ImagePlugins.class.getClassLoader()
                        || provider.getClass().getName().startsWith("com.twelvemonkeys.")) {
                    ours.add(provider);
                }
            }
        }
    }

    @PreDestroy
    void deregister() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        ours.forEach(registry::deregisterServiceProvider);
        ours.clear();
    }
}

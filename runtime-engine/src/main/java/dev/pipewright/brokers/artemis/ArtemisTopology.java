// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.artemis.ArtemisBrokerXml;
import dev.pipewright.model.io.FlowFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The Artemis export of a flow ({@link ArtemisBrokerXml}) as Artemis itself reads it: the file is
 * written, then parsed and validated by the server's own {@link FileConfiguration}, so an embedded
 * server starts from exactly it, and on a server at a URL the same addresses, queues, address
 * settings and diverts are created through the management API (and removed by {@link #teardown}).
 */
final class ArtemisTopology {
    /** A queue on the broker: its name and address, and whether it is a subscription (multicast). */
    record QueueRef(String name, String address, boolean multicast) {
        /** The JMS queue name a consumer takes from: the fully qualified {@code address::queue} of a subscription. */
        String consumeFrom() {
            return multicast ? address + "::" + name : name;
        }
    }

    private final List<Finding> warnings;
    private final FileConfiguration config;
    private final Map<String, QueueRef> queues = new HashMap<>();
    private final List<String> createdDiverts = new ArrayList<>();
    private final List<String> createdQueues = new ArrayList<>();
    private final List<String> createdAddresses = new ArrayList<>();
    private final List<String> createdSettings = new ArrayList<>();

    private ArtemisTopology(List<Finding> warnings, FileConfiguration config) {
        this.warnings = warnings;
        this.config = config;
        for (CoreAddressConfiguration a : config.getAddressConfigurations()) {
            for (QueueConfiguration q : a.getQueueConfigs()) {
                queues.put(q.getName().toString(), new QueueRef(q.getName().toString(), a.getName(),
                        q.getRoutingType() == RoutingType.MULTICAST));
            }
        }
    }

    /**
     * Writes the export of {@code flow} to {@code dir}/broker.xml and reads it back as the server does.
     *
     * @throws IOException when the file cannot be written
     * @throws IllegalStateException when the server does not accept the export (a defect of the export)
     */
    static ArtemisTopology of(Flow flow, Path dir) throws IOException {
        Exported exported = ArtemisBrokerXml.write(flow);
        Path file = dir.resolve("broker.xml");
        FlowFiles.writeText(file, exported.text());
        FileConfiguration config = new FileConfiguration();
        try {
            FileDeploymentManager deployment = new FileDeploymentManager(file.toUri().toString());
            deployment.addDeployable(config);
            deployment.readConfiguration();
        } catch (Exception e) {
            throw new IllegalStateException("Artemis does not accept the broker.xml export of this flow: " + e.getMessage(), e);
        }
        return new ArtemisTopology(exported.warnings(), config);
    }

    /** The server configuration the file holds, as Artemis read it; an embedded server starts from it. */
    FileConfiguration configuration() {
        return config;
    }

    /** What the export warns about. */
    List<Finding> warnings() {
        return warnings;
    }

    /** The queue named {@code name}, or null when the export has none. */
    QueueRef queue(String name) {
        return queues.get(name);
    }

    /**
     * Creates the export's address settings, addresses with their queues, and diverts on a running
     * server; what exists already is kept (and removed by {@link #teardown} as if created). The
     * catch-all setting {@code #} is left out: on a shared server it would change every address.
     *
     * @throws Exception the management API's refusal, with the entity in its message
     */
    void create(ArtemisManagement management) throws Exception {
        for (Map.Entry<String, AddressSettings> s : config.getAddressSettings().entrySet()) {
            if (s.getKey().equals("#")) {
                continue;
            }
            management.invoke(ResourceNames.BROKER, "addAddressSettings", s.getKey(), s.getValue().toJSON());
            createdSettings.add(s.getKey());
        }
        for (CoreAddressConfiguration a : config.getAddressConfigurations()) {
            String types = a.getRoutingTypes().stream().map(RoutingType::name).collect(Collectors.joining(","));
            management.invokeUnlessExists(ResourceNames.BROKER, "createAddress", a.getName(), types);
            createdAddresses.add(a.getName());
            for (QueueConfiguration q : a.getQueueConfigs()) {
                q.setAddress(a.getName());
                management.invokeUnlessExists(ResourceNames.BROKER, "createQueue", q.toJSON());
                createdQueues.add(q.getName().toString());
            }
        }
        for (DivertConfiguration d : config.getDivertConfigurations()) {
            management.invokeUnlessExists(ResourceNames.BROKER, "createDivert", d.toJSON());
            createdDiverts.add(d.getName());
        }
    }

    /** Removes what {@link #create} created, best effort: what is gone already is no error. */
    void teardown(ArtemisManagement management) {
        for (String d : createdDiverts) {
            management.invokeQuietly(ResourceNames.BROKER, "destroyDivert", d);
        }
        for (String q : createdQueues) {
            management.invokeQuietly(ResourceNames.BROKER, "destroyQueue", q, true, false);
        }
        for (String a : createdAddresses) {
            management.invokeQuietly(ResourceNames.BROKER, "deleteAddress", a, true);
        }
        for (String s : createdSettings) {
            management.invokeQuietly(ResourceNames.BROKER, "removeAddressSettings", s);
        }
        createdDiverts.clear();
        createdQueues.clear();
        createdAddresses.clear();
        createdSettings.clear();
    }
}

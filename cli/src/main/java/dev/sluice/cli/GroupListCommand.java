package dev.sluice.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice group list}: every group the cluster's coordinators know, with its state. */
@Command(name = "list", aliases = "ls", description = "List groups.")
final class GroupListCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    /** One line of the listing; the protocol type is empty for groups that only store offsets. */
    record Listing(String group, String state, String protocolType) { }

    @Override
    public Integer call() {
        List<Listing> listings = new ArrayList<>();
        try (Admin admin = client.admin()) {
            for (GroupListing group : Failures.await(admin.listGroups().all())) {
                listings.add(new Listing(group.groupId(), group.groupState().map(Object::toString).orElse("Unknown"),
                        group.protocol()));
            }
        }
        listings.sort(Comparator.comparing(Listing::group));
        format.output(spec.commandLine().getOut()).list(listings, List.of("GROUP", "STATE", "PROTOCOL-TYPE"),
                listing -> List.of(listing.group(), listing.state(),
                        listing.protocolType().isEmpty() ? "-" : listing.protocolType()));
        return 0;
    }
}

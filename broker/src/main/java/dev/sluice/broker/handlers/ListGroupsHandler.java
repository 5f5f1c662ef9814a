package dev.sluice.broker.handlers;

import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** ListGroups, with the state filter (v4+) and the type filter (v5+); every group here is of type "classic". */
public final class ListGroupsHandler extends ApiHandler<ListGroupsRequestData> {
    private static final String CLASSIC = "classic";
    private final GroupCoordinator coordinator;

    public ListGroupsHandler(GroupCoordinator coordinator) {
        super(ApiKeys.LIST_GROUPS, 0, 5);
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, ListGroupsRequestData body) {
        Set<String> states = lowerCase(body.statesFilter());
        Set<String> types = lowerCase(body.typesFilter());
        List<ListGroupsResponseData.ListedGroup> groups = new ArrayList<>();
        if (types.isEmpty() || types.contains(CLASSIC)) {
            for (GroupCoordinator.Listing listing : coordinator.list()) {
                if (states.isEmpty() || states.contains(listing.state().toLowerCase(Locale.ROOT))) {
                    groups.add(new ListGroupsResponseData.ListedGroup().setGroupId(listing.groupId())
                            .setProtocolType(listing.protocolType()).setGroupState(listing.state())
                            .setGroupType(CLASSIC));
                }
            }
        }
        return CompletableFuture.completedFuture(new ListGroupsResponseData().setErrorCode(Errors.NONE.code())
                .setGroups(groups));
    }

    private static Set<String> lowerCase(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}

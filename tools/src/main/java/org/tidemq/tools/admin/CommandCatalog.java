package org.tidemq.tools.admin;

import org.tidemq.tools.admin.command.broker.BrokerStatusCommand;
import org.tidemq.tools.admin.command.broker.GetBrokerConfigCommand;
import org.tidemq.tools.admin.command.broker.UpdateBrokerConfigCommand;
import org.tidemq.tools.admin.command.cluster.ClusterListCommand;
import org.tidemq.tools.admin.command.cluster.ClusterRtCommand;
import org.tidemq.tools.admin.command.consumer.CloneGroupOffsetCommand;
import org.tidemq.tools.admin.command.consumer.ConsumerConnectionCommand;
import org.tidemq.tools.admin.command.consumer.ConsumerProgressCommand;
import org.tidemq.tools.admin.command.consumer.ConsumerStatusCommand;
import org.tidemq.tools.admin.command.consumer.ResetOffsetByTimeCommand;
import org.tidemq.tools.admin.command.message.ConsumeMessageCommand;
import org.tidemq.tools.admin.command.message.PrintMsgCommand;
import org.tidemq.tools.admin.command.message.QueryMsgByIdCommand;
import org.tidemq.tools.admin.command.message.QueryMsgByKeyCommand;
import org.tidemq.tools.admin.command.message.QueryMsgTraceByIdCommand;
import org.tidemq.tools.admin.command.message.QueryMsgByOffsetCommand;
import org.tidemq.tools.admin.command.message.QueryMsgByUniqueKeyCommand;
import org.tidemq.tools.admin.command.message.SendMessageCommand;
import org.tidemq.tools.admin.command.namesrv.AddWritePermCommand;
import org.tidemq.tools.admin.command.namesrv.DeleteKvConfigCommand;
import org.tidemq.tools.admin.command.namesrv.GetNamesrvConfigCommand;
import org.tidemq.tools.admin.command.namesrv.UpdateKvConfigCommand;
import org.tidemq.tools.admin.command.namesrv.UpdateNamesrvConfigCommand;
import org.tidemq.tools.admin.command.namesrv.WipeWritePermCommand;
import org.tidemq.tools.admin.command.producer.ProducerConnectionCommand;
import org.tidemq.tools.admin.command.group.DeleteSubGroupCommand;
import org.tidemq.tools.admin.command.group.GetConsumerConfigCommand;
import org.tidemq.tools.admin.command.ha.HaStatusCommand;
import org.tidemq.tools.admin.command.ha.ReplicationLagCommand;
import org.tidemq.tools.admin.command.group.UpdateSubGroupCommand;
import org.tidemq.tools.admin.command.topic.DeleteTopicCommand;
import org.tidemq.tools.admin.command.topic.TopicClusterListCommand;
import org.tidemq.tools.admin.command.topic.TopicListCommand;
import org.tidemq.tools.admin.command.topic.TopicRouteCommand;
import org.tidemq.tools.admin.command.topic.TopicStatusCommand;
import org.tidemq.tools.admin.command.topic.UpdateTopicCommand;
import org.tidemq.tools.admin.command.stats.StatsAllCommand;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every {@code mqadmin} command, in the order {@code mqadmin} lists them. */
final class CommandCatalog {
    private CommandCatalog() {
    }

    /** Fresh command instances (picocli fills their fields), keyed by command name. */
    static Map<String, AdminCommand> create() {
        List<AdminCommand> commands = List.of(
                new UpdateTopicCommand(), new DeleteTopicCommand(), new TopicListCommand(), new TopicRouteCommand(),
                new TopicStatusCommand(), new TopicClusterListCommand(),
                new UpdateSubGroupCommand(), new DeleteSubGroupCommand(), new GetConsumerConfigCommand(),
                new ClusterListCommand(), new ClusterRtCommand(),
                new BrokerStatusCommand(), new GetBrokerConfigCommand(), new UpdateBrokerConfigCommand(),
                new ConsumerProgressCommand(), new ConsumerConnectionCommand(), new ProducerConnectionCommand(),
                new QueryMsgByIdCommand(), new QueryMsgByKeyCommand(), new QueryMsgByUniqueKeyCommand(),
                new QueryMsgByOffsetCommand(), new SendMessageCommand(), new ConsumeMessageCommand(),
                new PrintMsgCommand(), new QueryMsgTraceByIdCommand(),
                new ConsumerStatusCommand(), new ResetOffsetByTimeCommand(), new CloneGroupOffsetCommand(),
                new WipeWritePermCommand(), new AddWritePermCommand(),
                new UpdateKvConfigCommand(), new DeleteKvConfigCommand(),
                new GetNamesrvConfigCommand(), new UpdateNamesrvConfigCommand(),
                new StatsAllCommand(), new HaStatusCommand(), new ReplicationLagCommand());
        Map<String, AdminCommand> byName = new LinkedHashMap<>();
        for (AdminCommand command : commands) {
            byName.put(command.getClass().getAnnotation(Command.class).name(), command);
        }
        return byName;
    }
}

package org.tidemq.namesrv.processor;

import org.tidemq.common.remoting.RemotingServer;

import java.util.List;
import java.util.concurrent.ExecutorService;

/** A group of processors registered together on one executor, each under the codes it declares. */
public final class NamesrvProcessorSet {
    private final List<NamesrvRequestProcessor> processors;

    public NamesrvProcessorSet(BrokerRegistrationProcessor brokers, ClusterAdminProcessor admin,
                               KvConfigProcessor kv, NamesrvConfigProcessor config) {
        this.processors = List.of(brokers, admin, kv, config);
    }

    public void registerOn(RemotingServer server, ExecutorService executor) {
        for (NamesrvRequestProcessor processor : processors) {
            for (int code : processor.requestCodes()) {
                server.registerProcessor(code, processor, executor);
            }
        }
    }
}

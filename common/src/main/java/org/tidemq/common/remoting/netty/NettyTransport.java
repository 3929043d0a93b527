package org.tidemq.common.remoting.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The socket implementation: Linux native epoll when available and wanted, JDK NIO otherwise. */
enum NettyTransport {
    EPOLL {
        @Override
        EventLoopGroup newEventLoopGroup(int threads, String threadPrefix) {
            return new EpollEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, true));
        }

        @Override
        Class<? extends ServerChannel> serverChannelClass() {
            return EpollServerSocketChannel.class;
        }

        @Override
        Class<? extends Channel> channelClass() {
            return EpollSocketChannel.class;
        }
    },
    NIO {
        @Override
        EventLoopGroup newEventLoopGroup(int threads, String threadPrefix) {
            return new NioEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, true));
        }

        @Override
        Class<? extends ServerChannel> serverChannelClass() {
            return NioServerSocketChannel.class;
        }

        @Override
        Class<? extends Channel> channelClass() {
            return NioSocketChannel.class;
        }
    };

    abstract EventLoopGroup newEventLoopGroup(int threads, String threadPrefix);

    abstract Class<? extends ServerChannel> serverChannelClass();

    abstract Class<? extends Channel> channelClass();

    static NettyTransport select(boolean useEpoll) {
        return useEpoll && Epoll.isAvailable() ? EPOLL : NIO;
    }
}

/**
 * The remoting frame and its two header serializations: {@link org.tidemq.common.remoting.codec.RemotingFrame} defines
 * the layout once; {@link org.tidemq.common.remoting.codec.FrameWriter} and
 * {@link org.tidemq.common.remoting.codec.FrameReader} turn commands into frames and back (bodies are never copied);
 * the JSON (fastjson-compatible) and ROCKETMQ binary header codecs implement
 * {@link org.tidemq.common.remoting.codec.HeaderCodec}; the two Netty handlers wrap them for a pipeline.
 */
package org.tidemq.common.remoting.codec;

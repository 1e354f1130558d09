package io.msgflow.internal.processing;

import io.msgflow.WireFormat;
import io.msgflow.codec.MessageCodec;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.ProcessingListener;
import io.msgflow.processing.RetryPolicy;
import io.msgflow.sink.Sink;
import java.time.Clock;
import java.util.function.Function;

/** What a processor is made of, as one batch run reads it. {@code sink} may be null. */
public record ProcessorCore(Function<String, MessageHandler<Object>> handlers, MessageCodec codec, Sink sink,
                            RetryPolicy retryPolicy, ProcessingListener listener, WireFormat wireFormat, Clock clock) {
}

using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace MeshSecurity.Emulator.Diagnostics;

/// <summary>The counting queue with a front (the stash's unstash puts messages back there), so it serves stashing actors too.</summary>
public sealed class CountingDequeQueue(MessageCounts counts) : DequeWrapperMessageQueue(new CountingMessageQueue(counts)), IUnboundedDequeBasedMessageQueueSemantics;

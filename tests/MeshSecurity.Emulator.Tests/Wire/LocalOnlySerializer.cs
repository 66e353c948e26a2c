using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace MeshSecurity.Emulator.Tests.Wire;

/// <summary>
/// For <see cref="SerializeEveryMessageTests"/>: hands back the very object it was given, so that Akka's own messages
/// which never leave their actor system (listed in the test's configuration, each with the reason) skip the check.
/// </summary>
public sealed class LocalOnlySerializer(ExtendedActorSystem system) : Serializer(system)
{
    private static readonly ConcurrentDictionary<long, object> Held = new();
    private static long _next;

    public override int Identifier => 4798;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj)
    {
        var id = Interlocked.Increment(ref _next);
        Held[id] = obj;
        return BitConverter.GetBytes(id);
    }

    public override object FromBinary(byte[] bytes, Type type) =>
        Held.TryRemove(BitConverter.ToInt64(bytes), out var obj) ? obj : throw new InvalidOperationException($"no {type} held");
}

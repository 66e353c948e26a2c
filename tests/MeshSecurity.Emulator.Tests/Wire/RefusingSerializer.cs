using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Serialization;

namespace MeshSecurity.Emulator.Tests.Wire;

/// <summary>
/// Bound to System.Object in <see cref="SerializeEveryMessageTests"/>: whatever reaches Akka's fallback instead of an
/// explicit serializer is refused, loudly, and named in <see cref="Refused"/>.
/// </summary>
public sealed class RefusingSerializer(ExtendedActorSystem system) : Serializer(system)
{
    private static readonly ConditionalWeakTable<ActorSystem, ConcurrentBag<string>> RefusedBy = new();

    /// <summary>The types <paramref name="of"/>'s serialization refused.</summary>
    public static IReadOnlyCollection<string> Refused(ActorSystem of) => RefusedBy.GetOrCreateValue(of);

    public override int Identifier => 4799;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj)
    {
        RefusedBy.GetOrCreateValue(system).Add(obj.GetType().FullName!);
        throw new InvalidOperationException($"{obj.GetType()} fell back to the default serializer: it needs an explicit one");
    }

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new InvalidOperationException($"{type} fell back to the default serializer: it needs an explicit one");
}

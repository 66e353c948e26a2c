namespace MeshSecurity.Core.Apis;

/// <summary>Constants of the mesh channel (seed: mesh-ibc).</summary>
public static class MeshProtocol
{
    /// <summary>The only channel version both ends accept.</summary>
    public const string Version = "mesh-security-v0.1";

    /// <summary>The only ordering both ends accept.</summary>
    public const Ibc.IbcOrder Order = Ibc.IbcOrder.Unordered;

    /// <summary>Seconds a packet lives before it times out, unless configured.</summary>
    public const ulong DefaultPacketLifetimeSeconds = 3600;

    /// <summary>How many times the provider resends ListValidators after a failure.</summary>
    public const byte ListValidatorsMaxRetries = 5;
}

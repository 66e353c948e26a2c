using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// A packet's timeout on the destination chain: a height, a timestamp, or both (at least one is set).
/// The packet times out as soon as the destination reaches either.
/// </summary>
public sealed record IbcTimeout(ulong? Height, Timestamp? Time)
{
    public static IbcTimeout AtTime(Timestamp time) => new(null, time);
    public static IbcTimeout AtHeight(ulong height) => new(height, null);

    public bool IsSet => Height is > 0 || Time is { Nanos: > 0 };

    /// <summary>True when a destination at this height and time may no longer receive the packet.</summary>
    public bool HasPassed(ulong destHeight, Timestamp destTime) =>
        (Height is > 0 and var h && destHeight >= h) || (Time is { Nanos: > 0 } t && destTime >= t);
}

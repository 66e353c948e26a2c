using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record Expectation
{
    /// <summary>
    /// The state of the link's current mesh channel (the one a reopen made, once open) or its transfer channel, on one
    /// <paramref name="Side"/> or (null) on both: <paramref name="ExpectedState"/> is "init", "try-open", "open" or
    /// "closed", and both ends must be in it when no side is named.
    /// </summary>
    public sealed record ChannelStateOf(Duration At, string Provider, string Consumer, PacketChannel Channel, LinkSide? Side,
        string ExpectedState) : Expectation(At, Amount.Zero)
    {
        public override string What => "channel-state";
    }
}

using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record Expectation
{
    /// <summary>
    /// The packets of a link's channel that the sending chain has committed and not yet seen acknowledged or timed out (its
    /// IBC commitments): one way (<paramref name="Direction"/>) or both (null), of one kind of packet data (its variant
    /// name as the wire writes it, e.g. "stake"; null for any).
    /// </summary>
    public sealed record PendingPackets(Duration At, string Provider, string Consumer, PacketChannel Channel, PacketDirection? Direction,
        string? Kind, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "pending-packets";
    }
}

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ScenarioStep
{
    /// <summary>
    /// Raw packet data delivered on a link's channel as a relayer delivers a packet (a RecvPacket on the destination chain),
    /// for a packet the sending chain never committed. <paramref name="Data"/> is the packet's bytes as UTF-8 text: JSON
    /// with references ("@juno/jv") when <paramref name="Json"/>, else the text as written. The destination's
    /// acknowledgement must be a success (<paramref name="AckOk"/>) or an error containing <paramref name="AckError"/>.
    /// </summary>
    public sealed record InjectPacket(Duration At, string Provider, string Consumer, PacketChannel Channel, PacketDirection Direction,
        string Data, bool Json, bool AckOk, string? AckError) : ScenarioStep(At)
    {
        public override string Action => "inject-packet";

        /// <summary>The chain that receives the packet.</summary>
        public string Destination => Direction == PacketDirection.ToConsumer ? Consumer : Provider;

        /// <summary>What the acknowledgement must be, as the report shows it.</summary>
        public string ExpectedAck => AckOk ? "ok ack" : AckError is null ? "error ack" : $"error ack containing \"{AckError}\"";
    }
}

namespace MeshSecurity.Core.Ibc;

/// <summary>Identifies a packet on one chain: port, channel, sequence; ordered by those, sequence numerically.</summary>
public readonly record struct PacketKey(string PortId, string ChannelId, ulong Sequence)
{
    public static readonly IComparer<PacketKey> Comparer = Comparer<PacketKey>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.PortId, b.PortId);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.ChannelId, b.ChannelId);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    });

    public override string ToString() => $"{PortId}/{ChannelId}/{Sequence}";
}

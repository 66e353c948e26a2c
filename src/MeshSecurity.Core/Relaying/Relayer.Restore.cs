using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Relaying;

public sealed partial class Relayer
{
    /// <summary>
    /// A relayer process restarted on a path it had opened: it knows the identifiers (its configuration) and nothing of
    /// what was owed; follow with <see cref="Clear"/>.
    /// </summary>
    public static Relayer Reopened(string pathId, ChannelSpec spec, int generation, ChannelEnds ends, RelayEnd a, RelayEnd b)
    {
        var r = new Relayer(pathId, spec, generation);
        r.Watch(spec.ChainA, a);
        r.Watch(spec.ChainB, b);
        (r._clientA, r._connA, r._chanA, r._clientB, r._connB, r._chanB) =
            (ends.ClientA, ends.ConnectionA, ends.ChannelA, ends.ClientB, ends.ConnectionB, ends.ChannelB);
        r._ends = ends;
        r._channelWanted = true;
        r._lastClientUpdate[spec.ChainA] = b.Header.Time;
        r._lastClientUpdate[spec.ChainB] = a.Header.Time;
        r.Step = HandshakeStep.Open;
        return r;
    }

    /// <summary>The latest time either end's header shows: when a start or a clearing is submitted from.</summary>
    public Timestamp LatestHeaderTime =>
        _headers.Values.Select(h => h.Time).DefaultIfEmpty(Timestamp.Zero).Max();
}

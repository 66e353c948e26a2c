namespace MeshSecurity.Core.Relaying;

public sealed partial class Relayer
{
    private readonly HashSet<(string Source, ulong Sequence)> _lost = [];

    /// <summary>
    /// Fault switch (chaos relayer.lag): added to every latency draw, so everything this relayer submits lands later.
    /// Only ever added on top of the link's latency, so no draw goes below its floor (the time keeper's lookahead).
    /// </summary>
    public ulong LagNanos { get; set; }

    /// <summary>
    /// Fault switch (chaos net.loss): the share of packets, from 0 to 1, lost between their send and their receive. Each
    /// packet is drawn once, from the seed, the path and its sequence: a lost packet stays lost when the relayer clears
    /// after a pause (a restarted relayer forgets and delivers it, if it has not timed out), and times out on its source.
    /// </summary>
    public double Loss { get; set; }

    /// <summary>Packets lost so far (each counted once).</summary>
    public long LostCount { get; private set; }

    private bool Lost(string source, ulong sequence)
    {
        if (_lost.Contains((source, sequence))) return true;
        if (Loss <= 0 || DeterministicRandom.Unit(Spec.Seed, PathId, $"loss>{source}", sequence) >= Loss) return false;
        _lost.Add((source, sequence));
        LostCount++;
        return true;
    }
}

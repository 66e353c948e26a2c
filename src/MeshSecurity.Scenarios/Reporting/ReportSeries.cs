using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// What report.html's charts need, gathered as the run goes instead of read from a kept history: every validator's power
/// when the network was ready (<see cref="Ready"/>) and every change of it per chain, the faults the scenario injected,
/// and the send-to-receive latency of every received packet, counted per distinct value. A packet
/// pairs with the first send of its destination and sequence, as the chart always did; that first send time is kept as
/// 8 bytes per packet, in a list per destination indexed by sequence.
/// </summary>
public sealed class ReportSeries : IEventSink
{
    /// <summary>One power change of a validator, at the time of its block.</summary>
    public readonly record struct PowerPoint(string Validator, Timestamp Time, ulong Power);

    private const ulong NotSent = ulong.MaxValue;

    /// <summary>A sequence further than this past a destination's list goes to the overflow table.</summary>
    private const ulong MaxGap = 1 << 16;

    private readonly SortedDictionary<string, List<PowerPoint>> _power = new(StringComparer.Ordinal);
    private readonly Dictionary<IbcEndpoint, List<ulong>> _firstSent = [];
    private readonly Dictionary<(IbcEndpoint Destination, ulong Sequence), ulong> _farSent = [];
    private readonly Dictionary<ulong, int> _latencies = [];

    private readonly SortedDictionary<string, List<(string Validator, ulong Power)>> _atReady = new(StringComparer.Ordinal);

    /// <summary>When the network was ready: the charts' time 0.</summary>
    public Timestamp ReadyAt { get; private set; }

    /// <summary>Every validator of every chain (ordinal order) with its power when the network was ready.</summary>
    public IReadOnlyDictionary<string, List<(string Validator, ulong Power)>> PowerAtReady => _atReady;

    /// <summary>The faults the scenario injected, in time order.</summary>
    public IReadOnlyList<ChartMarker> Faults { get; private set; } = [];

    /// <summary>The network is ready: the validators of each chain and their power then, and the faults to come.</summary>
    public void Ready(Timestamp at, IReadOnlyDictionary<string, List<(string Validator, ulong Power)>> powers,
        IReadOnlyList<ChartMarker> faults)
    {
        ReadyAt = at;
        foreach (var (chain, validators) in powers) _atReady[chain] = validators;
        Faults = faults;
    }

    /// <summary>Power changes per chain (ordinal order), each chain's in history order.</summary>
    public IReadOnlyDictionary<string, List<PowerPoint>> Power => _power;

    /// <summary>Received packets per latency in nanoseconds.</summary>
    public IReadOnlyDictionary<ulong, int> LatencyNanos => _latencies;

    public void Write(IReadOnlyList<EmulatorEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case EmulatorEvent.ValidatorPowerChanged v:
                    if (!_power.TryGetValue(v.ChainId, out var points)) _power[v.ChainId] = points = [];
                    points.Add(new PowerPoint(v.Validator, v.Time, v.Power));
                    break;
                case EmulatorEvent.PacketSent s:
                    Sent(s.Packet.Destination, s.Packet.Sequence, s.Time.Nanos);
                    break;
                case EmulatorEvent.AcknowledgementWritten w:
                    var sent = FirstSent(w.Packet.Destination, w.Packet.Sequence);
                    if (sent == NotSent) break;
                    var latency = w.Time.Nanos - sent;
                    _latencies[latency] = _latencies.GetValueOrDefault(latency) + 1;
                    break;
            }
        }
    }

    private void Sent(IbcEndpoint destination, ulong sequence, ulong nanos)
    {
        if (!_firstSent.TryGetValue(destination, out var times)) _firstSent[destination] = times = [];
        if (_farSent.ContainsKey((destination, sequence))) return;
        if (sequence == 0 || sequence - 1 > (ulong)times.Count + MaxGap)
        {
            _farSent.TryAdd((destination, sequence), nanos);
            return;
        }
        var i = (int)(sequence - 1);
        while (times.Count <= i) times.Add(NotSent);
        if (times[i] == NotSent) times[i] = nanos;
    }

    private ulong FirstSent(IbcEndpoint destination, ulong sequence)
    {
        var inList = _firstSent.TryGetValue(destination, out var times) && sequence > 0 && sequence - 1 < (ulong)times.Count
            ? times[(int)(sequence - 1)]
            : NotSent;
        return inList != NotSent ? inList : _farSent.GetValueOrDefault((destination, sequence), NotSent);
    }
}

using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Live faults the run's driver applies (ibc.close-channel, econ.price-shock, econ.withdraw-race): they rest on what its
/// scenario runner keeps, the link's mesh channel it follows, the price oracle it is, a race's order and count. This
/// member passes the request on to the driver that asked it to host the run (<see cref="DriverChaos"/>), which applies
/// it at its next window's end with the chaos step's code and answers; status and heal cover the ones asked here
/// (docs/decisions/0011-the-driver-applies-the-faults-it-keeps.md).
/// </summary>
public sealed partial class MeshNode
{
    /// <summary>
    /// How often a request is sent again while the driver has not answered, and how many times: it answers at the end of the
    /// window it is running, so about 35 s in all before the wait is given up.
    /// </summary>
    private static readonly (TimeSpan Every, int Times) DriverResends = (TimeSpan.FromSeconds(7), 5);

    /// <summary>The driver's lasting faults asked through this member, in force, per run instance, as status shows them.</summary>
    private readonly Dictionary<string, ImmutableArray<string>> _driverFaults = new(StringComparer.Ordinal);

    private static bool IsDriverFault(string fault) => fault is "ibc.close-channel" or "econ.price-shock" or "econ.withdraw-race";

    /// <summary>The driver's answer, back on this actor, which keeps the faults in force and answers the control API.</summary>
    private sealed record DriverOutcome(IActorRef ReplyTo, string Instance, string Fault, DriverChaosReply Reply)
        : INoSerializationVerificationNeeded;

    private void DriverChaosCommands()
    {
        // the driver ended some (a scenario's heal step): the ones still in force, unless a heal here forgot them all
        Receive<DriverChaosReply.Done>(m =>
        {
            if (_driverFaults.ContainsKey(m.Instance)) _driverFaults[m.Instance] = m.InForce;
        });
        Receive<DriverOutcome>(OnDriverOutcome);
    }

    private void OnDriverOutcome(DriverOutcome m)
    {
        if (m.Reply is DriverChaosReply.Done done && _runs.ContainsKey(m.Instance)) _driverFaults[m.Instance] = done.InForce;
        var runId = _runs.TryGetValue(m.Instance, out var run) ? run.Spec.RunId : m.Instance;
        m.ReplyTo.Tell(m.Reply switch
        {
            DriverChaosReply.Done d => new ChaosReply.Done(runId, m.Fault, d.Targets),
            DriverChaosReply.Refused r => new ChaosReply.Refused(r.Reason),
            _ => new ChaosReply.Refused($"{m.Fault}: the run's driver answered {m.Reply.GetType().Name}"),
        });
    }

    private void ToDriver(Hosted run, ChaosRequest.Inject m)
    {
        var request = new DriverChaos.Inject(run.Spec.Instance, m.Fault.Name, m.Provider!, m.Consumer!, m.Args.Side, m.Args.Factor,
            m.Args.Account, m.Validator, _address, DriverRequestId(_incarnation));
        var (sender, instance, fault) = (Sender, run.Spec.Instance, m.Fault.Name);
        AskDriver(run, request).PipeTo(Self, success: reply => new DriverOutcome(sender, instance, fault, reply));
    }

    /// <summary>
    /// Asks the driver to end the faults asked for here (its answer names them); null when none is in force. They are
    /// forgotten at once, as the member's own are.
    /// </summary>
    private Task<DriverChaosReply>? HealDriverFaults(Hosted run) =>
        _driverFaults.Remove(run.Spec.Instance, out var inForce) && !inForce.IsEmpty
            ? AskDriver(run, new DriverChaos.Heal(run.Spec.Instance, _address, DriverRequestId(_incarnation)))
            : null;

    /// <summary>
    /// Asks the run's driver, sending the request again until it answers (a copy is applied once, by its id); a driver
    /// that does not answer (gone, an older meshsec, or a run paced so slowly that a window outlasts the wait) is a
    /// refusal saying so.
    /// </summary>
    private Task<DriverChaosReply> AskDriver(Hosted run, DriverChaos request)
    {
        var instance = run.Spec.Instance;
        var inbox = Context.ActorSelection(new RootActorPath(run.Driver) / "user" / DriverChaos.InboxName(instance));
        return ResendingAsk.Ask<DriverChaosReply>(inbox, request, $"the run's driver ({run.Driver})", DriverResends.Every,
                DriverResends.Times)
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result
                : new DriverChaosReply.Refused(instance, $"the run's driver ({run.Driver}) did not answer within " +
                    $"{(DriverResends.Every * (DriverResends.Times + 1)).TotalSeconds:0} s: it applies these faults at the end of " +
                    $"the window it runs ({t.Exception?.GetBaseException().Message})"), TaskScheduler.Default);
    }
}

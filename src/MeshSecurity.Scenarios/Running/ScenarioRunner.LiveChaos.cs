using System.Collections.Immutable;
using System.Threading.Channels;
using Akka.Actor;
using MeshSecurity.Core.Math;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// The live faults that rest on what this runner keeps (`meshsec chaos ibc.close-channel | econ.price-shock |
/// econ.withdraw-race` on a cluster run): a member passes each on (<see cref="DriverChaos"/>, through
/// <see cref="LiveChaosInbox"/>) and the runner applies it at the end of the window it is running, as a chaos step of that
/// time injected by the member: the same code (RunStep, StartChaos), its transactions ids "step/&lt;index&gt;/&lt;n&gt;"
/// past the scenario's steps, its chaos_injected line naming the member. A heal ends the member's lasting ones as their
/// `for` would (EndChaos): the price restored, the channel reopened and followed.
/// </summary>
public sealed partial class ScenarioRunner
{
    private readonly Channel<(DriverChaos Request, IActorRef ReplyTo)> _live = Channel.CreateUnbounded<(DriverChaos, IActorRef)>();

    /// <summary>The live faults applied so far, by their step index (past the scenario's steps), in order.</summary>
    private readonly SortedDictionary<int, ScenarioStep.Chaos> _liveSteps = [];

    /// <summary>The answer to each request applied, by its id: a member re-sends until answered, and a copy gets the same answer.</summary>
    private readonly Dictionary<string, DriverChaosReply> _liveAnswers = new(StringComparer.Ordinal);

    /// <summary>The driver's actor system and this attempt's instance, once live faults are taken (a cluster run only).</summary>
    private (ActorSystem System, string Instance)? _liveDriver;

    /// <summary>The actor members reach this attempt's runner through (a cluster run's driver only).</summary>
    private IActorRef StartLiveChaos(ActorSystem system, string instance)
    {
        _liveDriver = (system, instance);
        return system.ActorOf(LiveChaosInbox.Props(_live.Writer, instance), DriverChaos.InboxName(instance));
    }

    /// <summary>
    /// A live fault ended (a scenario's heal step, its member's heal): its member hears which of its faults are still in
    /// force, so its status stops listing the ended one without waiting for its next request (MeshNode.DriverChaos.cs).
    /// </summary>
    private void TellLiveEnded(int index)
    {
        // a live step's source is the address of the member that asked for it
        if (_liveDriver is not var (system, instance) || !_liveSteps.TryGetValue(index, out var step)
            || !Address.TryParse(step.Source, out var member)) return;
        var node = system.ActorSelection(new RootActorPath(member) / "user" / MeshNode.Name);
        node.Tell(new DriverChaosReply.Done(instance, "heal", [step.Fault.Describe()], InForce(step.Source)));
    }

    /// <summary>The run is over: what is still waiting is refused, and the inbox refuses what comes.</summary>
    private void EndLiveChaos()
    {
        _live.Writer.TryComplete();
        while (_live.Reader.TryRead(out var waiting))
            waiting.ReplyTo.Tell(new DriverChaosReply.Refused(Instance(waiting.Request), "the run ended before the fault could act"));
    }

    /// <summary>Applies what members asked for since the last window, at <paramref name="at"/> (the window's end).</summary>
    private async Task ApplyLiveChaos(Duration at)
    {
        while (_live.Reader.TryRead(out var asked))
        {
            if (_liveAnswers.TryGetValue(Id(asked.Request), out var first))
            {
                asked.ReplyTo.Tell(first);
                continue;
            }
            _reached = Duration.Max(_reached, at);
            var instance = Instance(asked.Request);
            DriverChaosReply reply;
            try
            {
                reply = asked.Request switch
                {
                    DriverChaos.Inject i => await InjectLive(i, at),
                    DriverChaos.Heal h => await HealLive(h, at),
                    _ => new DriverChaosReply.Refused(instance, $"unknown request {asked.Request.GetType().Name}"),
                };
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                reply = new DriverChaosReply.Refused(instance, $"the run's driver could not apply it: {ex.Message}");
            }
            _liveAnswers[Id(asked.Request)] = reply;
            asked.ReplyTo.Tell(reply);
        }
    }

    private static string Id(DriverChaos request) => request switch
    {
        DriverChaos.Inject i => i.Id,
        DriverChaos.Heal h => h.Id,
        _ => "",
    };

    private static string Instance(DriverChaos request) => request switch
    {
        DriverChaos.Inject i => i.Instance,
        DriverChaos.Heal h => h.Instance,
        _ => "",
    };

    private async Task<DriverChaosReply> InjectLive(DriverChaos.Inject i, Duration at)
    {
        var (spec, problem) = LiveFault(i);
        if (spec is null) return new DriverChaosReply.Refused(i.Instance, $"{i.Fault}: {problem}");
        var index = _scenario.Steps.Length + _liveSteps.Count;
        var step = new ScenarioStep.Chaos(at, spec, null, i.Member);
        _liveSteps[index] = step;
        await RunStep(index, step);
        var targets = Targets(spec);
        if (spec is ChaosSpec.EconWithdrawRace && !_races.ContainsKey(index))
            targets = [.. targets, "no free collateral: nothing raced"];
        return new DriverChaosReply.Done(i.Instance, i.Fault, targets, InForce(i.Member));
    }

    /// <summary>The lasting ones <paramref name="h"/>'s member asked for end, as their `for` would; the answer names them.</summary>
    private async Task<DriverChaosReply> HealLive(DriverChaos.Heal h, Duration at)
    {
        var ended = new List<string>();
        foreach (var (index, step) in _liveSteps.Where(kv => kv.Value.Source == h.Member && _chaos.ContainsKey(kv.Key)).ToList())
        {
            ended.Add(step.Fault.Describe());
            await EndChaos(index, step with { For = new Duration(at.Nanos - step.At.Nanos) });
        }
        return new DriverChaosReply.Done(h.Instance, "heal", [.. ended], InForce(h.Member));
    }

    private ImmutableArray<string> InForce(string member) =>
        [.. _liveSteps.Where(kv => kv.Value.Source == member && _chaos.ContainsKey(kv.Key)).Select(kv => kv.Value.Fault.Describe())];

    /// <summary>The fault asked for, checked against the run as the scenario parser checks its step; or why not.</summary>
    private (ChaosSpec? Spec, string? Problem) LiveFault(DriverChaos.Inject i)
    {
        var (p, c) = (i.Provider, i.Consumer);
        static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "(none)";
        if (_scenario.Link(p, c) is not { } link)
            return (null, $"the run has no link {p}->{c} (links: {Names(_scenario.Links.Select(l => $"{l.Provider}->{l.Consumer}"))})");
        switch (i.Fault)
        {
            case "ibc.close-channel":
                if (_chaos.Values.Any(f => f is ChaosSpec.IbcCloseChannel x && (x.Provider, x.Consumer) == (p, c))
                    || _reopening.ContainsKey((p, c)))
                    return (null, $"the link {p}->{c}'s mesh channel is closed already, or reopening (heal reopens it)");
                return (new ChaosSpec.IbcCloseChannel(p, c, i.Side == "consumer" ? LinkSide.Consumer : LinkSide.Provider), null);
            case "econ.price-shock":
                // as the scenario parser says it (ScenarioBuilder.Econ.cs)
                if (link.Price is null)
                    return (null, $"the link {p} -> {c} has a fixed exchange-rate, no price feed to shock; links with a price: " +
                        Names(_scenario.Links.Where(l => l.Price is not null).Select(l => $"{l.Provider} -> {l.Consumer}")));
                if (!Dec.TryParse(i.Factor, out var factor, out var why) || factor.IsZero)
                    return (null, $"expected --factor above 0, got '{i.Factor}'{(why.Length > 0 ? $" ({why})" : "")}");
                return (new ChaosSpec.EconPriceShock(p, c, factor), null);
            case "econ.withdraw-race":
            {
                var (provider, consumer) = (_scenario.Chain(p), _scenario.Chain(c));
                if (i.Account is null || provider.Accounts.All(a => a.Name != i.Account))
                    return (null, $"{p} has no account '{i.Account}' (accounts: {Names(provider.Accounts.Select(a => a.Name))})");
                var validator = i.Validator ?? consumer.Validators[0].Name;
                if (consumer.Validators.All(v => v.Name != validator))
                    return (null, $"{c} has no validator '{validator}' (validators: {Names(consumer.Validators.Select(v => v.Name))})");
                return (new ChaosSpec.EconWithdrawRace(p, c, i.Account, validator), null);
            }
            default:
                return (null, "the run's driver applies only ibc.close-channel, econ.price-shock and econ.withdraw-race");
        }
    }
}

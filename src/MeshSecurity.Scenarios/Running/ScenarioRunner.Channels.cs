using Akka.Actor;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>Mesh channels being reopened, by link: the new channel's name and the step that asked for it.</summary>
    private readonly SortedDictionary<(string, string), (string Channel, int Step)> _reopening = new();

    /// <summary>Why a step that submits no transaction failed (a reopen whose handshake a chain refused), by step index.</summary>
    private readonly Dictionary<int, string> _stepRefusals = new();

    private int _reopens;

    /// <summary>
    /// `close-channel`: channel_close_init on the side's end of the link's mesh channel, issued for the contract that owns
    /// the port (as its IbcMsg::CloseChannel would be; no mesh contract has a message that sends one).
    /// </summary>
    private (string Chain, Addr Signer, CosmosMsg Msg) CloseMessage(ScenarioStep.CloseChannel s)
    {
        var link = Link(s.Provider, s.Consumer);
        var ends = link.MeshEnds;
        var owner = s.Side == LinkSide.Provider ? link.Provider : link.Consumer;
        return (s.Chain, owner, new CosmosMsg.IbcCloseChannel(ends.ChainA == s.Chain ? ends.ChannelA : ends.ChannelB));
    }

    /// <summary>
    /// `reopen-channel`: a new mesh channel between the link's contracts over the same connection, its handshake run by
    /// a relayer as the set-up's was (init on the provider). It opens as time runs; a refused first step fails the step.
    /// </summary>
    private async Task Reopen(int index, ScenarioStep.ReopenChannel s)
    {
        var link = Link(s.Provider, s.Consumer);
        var definition = Definition(_scenario.Link(s.Provider, s.Consumer)!);
        var spec = LinkPlan.MeshSpec(definition, link.TransferEnds, link.Provider, link.Consumer, Seed);
        var name = $"{s.Provider}-{s.Consumer}/mesh-reopened-{++_reopens}";
        var reply = await _net.StartChannelAsync(name, spec);
        if (reply is ChannelReply.Refused refused) _stepRefusals[index] = $"{refused.Step} refused: {refused.Error}";
        else _reopening[(s.Provider, s.Consumer)] = (name, index);
    }

    /// <summary>
    /// A reopened channel becomes its link's mesh channel once both ends are open (readings and relayer steps then use
    /// it); a handshake a chain refused later fails its step.
    /// </summary>
    private async Task SettleReopens()
    {
        foreach (var (key, (name, step)) in _reopening.ToList())
        {
            var info = await _net.ChannelInfoAsync(name);
            if (info.Open) _links[key] = _links[key] with { MeshChannelId = name, MeshEnds = info.Ends! };
            else if (info.RefusedStep is not null) _stepRefusals[step] = $"{info.RefusedStep} refused: {info.RefusedError}";
            else continue;
            _reopening.Remove(key);
        }
    }

    /// <summary>`channel-state`: the state of one end of the link's channel, or of both (one word when they agree).</summary>
    private async Task<RunReport.ExpectationInfo> EvaluateChannelState(int index, Expectation.ChannelStateOf x)
    {
        var ends = x.Channel == PacketChannel.Mesh ? Link(x.Provider, x.Consumer).MeshEnds : Link(x.Provider, x.Consumer).TransferEnds;
        var provider = StateWord((await _net.StateAsync(ends.ChainA)).Ibc.Channel(ends.PortA, ends.ChannelA)?.State);
        var consumer = StateWord((await _net.StateAsync(ends.ChainB)).Ibc.Channel(ends.PortB, ends.ChannelB)?.State);
        var actual = x.Side switch
        {
            LinkSide.Provider => provider,
            LinkSide.Consumer => consumer,
            _ => provider == consumer ? provider : $"provider {provider}, consumer {consumer}",
        };
        var channel = x.Channel == PacketChannel.Mesh ? "mesh" : "transfer";
        var end = x.Side is { } side ? $" ({side.ToString().ToLowerInvariant()} end)" : "";
        var target = $"{x.Provider}->{x.Consumer} {channel} channel{end}";
        return x.Against is not null
            ? Compared(index, x, target, actual)
            : Judged(index, x, target, x.ExpectedState, actual, actual, actual == x.ExpectedState);
    }

    private static string StateWord(ChannelState? state) => state switch
    {
        ChannelState.Init => "init",
        ChannelState.TryOpen => "try-open",
        ChannelState.Open => "open",
        ChannelState.Closed => "closed",
        _ => "none",
    };
}

using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// ibc.error-ack: the destination chain's governance switches injected error acknowledgements on for the fault's packet
/// kind on its channel end, and off when the fault ends: a transaction in the chain's next block, so it is journaled and
/// replayed as any other, and the packets received from then on get the error ack.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>The (chain, "port/channel/kind") switched on, as last sent.</summary>
    private readonly SortedSet<(string Chain, string Key)> _errorAcksOn = [];

    /// <summary>The channel ends a fault's packets arrive at: the consumer's or the provider's by kind, both for transfers.</summary>
    private IEnumerable<(string Chain, IbcEndpoint End)> ErrorAckEnds(ChaosSpec.IbcErrorAck fault)
    {
        var link = Link(fault.Provider, fault.Consumer);
        var ends = fault.Packet == "transfer" ? link.TransferEnds : link.MeshEnds;
        var toProvider = fault.Packet is "update-validators" or "rewards" or "transfer";
        var toConsumer = fault.Packet is not ("update-validators" or "rewards");
        if (toProvider) yield return (fault.Provider, new IbcEndpoint(ends.PortA, ends.ChannelA));
        if (toConsumer) yield return (fault.Consumer, new IbcEndpoint(ends.PortB, ends.ChannelB));
    }

    private async Task ReconcileErrorAcks()
    {
        var want = new SortedSet<(string Chain, string Key)>();
        var switches = new Dictionary<(string, string), CosmosMsg.GovInjectErrorAcks>();
        foreach (var fault in _chaos.Values.OfType<ChaosSpec.IbcErrorAck>())
            foreach (var (chain, end) in ErrorAckEnds(fault))
            {
                var key = (chain, IbcState.ErrorAckKey(end, fault.Packet));
                want.Add(key);
                switches[key] = new CosmosMsg.GovInjectErrorAcks(end.PortId, end.ChannelId, fault.Packet, true);
            }
        foreach (var key in want.Except(_errorAcksOn)) await Switch(key.Chain, key.Key, switches[key]);
        foreach (var key in _errorAcksOn.Except(want).ToList())
        {
            var parts = key.Key.Split('/');
            await Switch(key.Chain, key.Key, new CosmosMsg.GovInjectErrorAcks(parts[0], parts[1], parts[2], false));
        }
        _errorAcksOn.Clear();
        _errorAcksOn.UnionWith(want);
    }

    private Task Switch(string chainId, string key, CosmosMsg.GovInjectErrorAcks msg) =>
        Govern(chainId, msg, $"chaos/error-ack/{key}/{(msg.On ? "on" : "off")}");
}

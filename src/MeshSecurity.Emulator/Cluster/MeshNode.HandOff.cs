using Akka.Actor;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// shard.handoff on a live run (`meshsec chaos shard.handoff`): this member moves the chain's shard to another member
/// (<see cref="ShardMove"/>), and every member's chain placement learns of moves (<see cref="MeshNodeCommand.MoveShard"/>).
/// </summary>
public sealed partial class MeshNode
{
    private void HandOffCommands()
    {
        Receive<MeshNodeCommand.MoveShard>(m =>
        {
            if (_runs.TryGetValue(m.RunId, out var run)) run.ChainPlacement.Move(m.Shard, Address.Parse(m.To));
            Sender.Tell(new MeshNodeReply.MoveNoted(m.RunId, _address));
        });
        Receive<MeshNodeCommand.DescribeJournal>(m => Sender.Tell(new MeshNodeReply.JournalIs(m.RunId, _address,
            JournalIdentity.Of(Context.System.Settings.Config, Akka.Cluster.Cluster.Get(Context.System).SelfAddress))));
    }

    /// <summary>Whether this member journals in memory: a chain handed off to another member would lose its history.</summary>
    private bool MemoryJournal =>
        Context.System.Settings.Config.GetString("akka.persistence.journal.plugin") == "akka.persistence.journal.inmem";

    private void HandOff(Hosted run, IActorRef sender, string chain, string? member)
    {
        const string fault = "shard.handoff";
        if (MemoryJournal)
        {
            // each member's memory journal is its own: the chain would start elsewhere without its history
            sender.Tell(new ChaosReply.Refused($"{fault} needs a journal the members share (--journal postgres:...): " +
                "with the memory journal a chain handed off would lose its history"));
            return;
        }
        ShardMove.RunAsync(Context.System, run.ClockProxy, run.Chains, run.Spec, run.Placement.ChainShard(chain), chain, member)
            .PipeTo(Self, success: reply => new Outcome(sender, run.Spec.Instance, chain, fault, reply, [chain], null, null),
                failure: ex => new Outcome(sender, run.Spec.Instance, chain, fault,
                    new ChaosReply.Refused($"{fault}: the run's clock or shard regions did not answer ({ex.Message})"), [chain],
                    null, null));
    }
}

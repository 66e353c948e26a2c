using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests.Wire;

/// <summary>
/// With <c>akka.actor.serialize-messages = on</c> every message sent to an actor is written and read back before it is
/// delivered, as across nodes; Akka's fallback serializer is replaced by one that refuses. A network that stakes across
/// a link (packets relayed both ways) and slashes a double-signer gives the same history and answers as without, and
/// nothing falls back.
/// </summary>
public sealed class SerializeEveryMessageTests(ITestOutputHelper output) : TestKit(Checked, "serialized", output)
{
    private static readonly Config Checked = ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.loggers = ["Akka.TestKit.TestEventListener, Akka.TestKit"]
        akka.actor.serializers.local-only = "MeshSecurity.Emulator.Tests.Wire.LocalOnlySerializer, MeshSecurity.Emulator.Tests"
        akka.actor.serializers.refuse = "MeshSecurity.Emulator.Tests.Wire.RefusingSerializer, MeshSecurity.Emulator.Tests"
        akka.actor.serialization-bindings {
          "System.Object" = refuse
          # Akka's own messages that fall back: on a cluster, Akka.Remote's serializer carries PoisonPill; the others never
          # leave their actor system: a parent stopping its child, the persistence extension's recovery permits, and the
          # journal's replies put back in order (they carry the persistent actor's records, in memory)
          "Akka.Actor.PoisonPill, Akka" = local-only
          "Akka.Dispatch.SysMsg.StopChild, Akka" = local-only
          "Akka.Persistence.RequestRecoveryPermit, Akka.Persistence" = local-only
          "Akka.Persistence.RecoveryPermitGranted, Akka.Persistence" = local-only
          "Akka.Persistence.ReturnRecoveryPermit, Akka.Persistence" = local-only
          "Akka.Persistence.Journal.AsyncWriteJournal+Desequenced, Akka.Persistence" = local-only
        }
        """).WithFallback(NodeHost.Config(JournalSettings.Memory, "WARNING"));

    [Fact]
    public async Task A_cross_stake_and_a_slash_give_the_same_history_when_every_message_is_serialized()
    {
        var serialized = await CrossStakeAsync(Sys);
        using var plain = NodeHost.Start("plain", JournalSettings.Memory, NullLoggerFactory.Instance);
        var direct = await CrossStakeAsync(plain);

        Assert.Empty(RefusingSerializer.Refused(Sys));
        Assert.Contains(serialized, line => line.StartsWith("PacketAcknowledged", StringComparison.Ordinal));
        Assert.Contains(serialized, line => line.Contains($"action={LockupEvents.SlashClaims}", StringComparison.Ordinal));
        Assert.Equal(direct, serialized);
    }

    [Fact]
    public async Task A_message_without_an_explicit_serializer_is_refused()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell(new Unregistered("x"));
        probe.Ref.Tell(new Time.WindowSealed(1, "osmosis"));
        // Akka logs and drops what it cannot serialize: the next message is the first to arrive
        await probe.ExpectMsgAsync(new Time.WindowSealed(1, "osmosis"));
        Assert.Equal([typeof(Unregistered).FullName!], RefusingSerializer.Refused(Sys));
    }

    private sealed record Unregistered(string Text);

    /// <summary>The cross-stake of CrossStakeTests, then a double-sign slashed; its history and answers, one line each.</summary>
    private static async Task<List<string>> CrossStakeAsync(ActorSystem system)
    {
        await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "cross-stake")).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        var j1 = FirstValidator(Juno);
        await net.BondAsync(link, Alice, 5_000);
        await net.GrantClaimAsync(link, Alice, 3_337, j1);
        await net.RunForAsync(60);
        // the validator double-signs: the evidence (signed headers in a contract message) slashes it on both chains
        var (a, b) = await net.DoubleSignAsync(Juno, j1);
        await net.MustExecuteAsync(Osmosis, Reporter, new CosmosMsg.WasmExecute(link.Slasher,
            new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(a, b)), Coins.Empty));
        await net.RunForAsync(60);

        var lines = (await net.HistoryAsync()).Select(Line).ToList();
        lines.Add(Core.Wire.ToJson(await net.RemoteStakeAsync(link, j1)));
        lines.Add(Core.Wire.ToJson(await net.ProviderStakeAsync(link, j1)));
        lines.Add(Core.Wire.ToJson(await net.LockupBalanceAsync(link, Alice)));
        return lines;
    }

    private static string Line(EmulatorEvent e) => e switch
    {
        EmulatorEvent.BlockCommitted b => $"BlockCommitted {b.Chain} {b.Height} {b.Time} {b.TxCount} {b.AppHash}",
        EmulatorEvent.TxExecuted t => $"TxExecuted {t.Chain} {t.Height} {t.TxId} {t.Result.Error} {string.Join(";", t.Result.Events)}",
        _ => $"{e.GetType().Name} {e.ChainId} {e.Height} {e.Time} {e}",
    };
}

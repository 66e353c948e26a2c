using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Staking;

namespace MeshSecurity.Emulator.Events;

/// <summary>Derives the emulator's events from a committed block, in the block's order.</summary>
public static class EventsOfBlock
{
    public static IEnumerable<EmulatorEvent> Of(BlockResult b)
    {
        yield return new EmulatorEvent.BlockCommitted(b.ChainId, b.Height, b.Instant, b.TxResults.Length, b.AppHash);
        foreach (var tx in b.TxResults)
            yield return new EmulatorEvent.TxExecuted(b.ChainId, b.Height, b.Instant, tx);
        foreach (var hook in b.HookResults)
            yield return new EmulatorEvent.HookExecuted(b.ChainId, b.Height, b.Instant, hook);
        foreach (var e in b.AllEvents)
        {
            switch (e.Type)
            {
                case IbcEvents.SendPacket:
                    yield return new EmulatorEvent.PacketSent(b.ChainId, b.Height, b.Instant, IbcEvents.ToPacket(e));
                    break;
                case IbcEvents.WriteAcknowledgement:
                    var success = e.Get(IbcEvents.AckSuccess) == "true";
                    yield return new EmulatorEvent.AcknowledgementWritten(b.ChainId, b.Height, b.Instant, IbcEvents.ToPacket(e), success,
                        success ? null : ErrorOf(e.Get(IbcEvents.AckHex)));
                    break;
                case IbcEvents.AcknowledgePacket:
                    yield return new EmulatorEvent.PacketAcknowledged(b.ChainId, b.Height, b.Instant, IbcEvents.ToPacket(e),
                        e.Get(IbcEvents.AckSuccess) == "true");
                    break;
                case IbcEvents.TimeoutPacket:
                    yield return new EmulatorEvent.PacketTimedOut(b.ChainId, b.Height, b.Instant, IbcEvents.ToPacket(e));
                    break;
                case StakingEvents.Slash:
                    yield return new EmulatorEvent.SlashApplied(b.ChainId, b.Height, b.Instant, e.Get(StakingEvents.ValidatorKey)!,
                        e.ValueOf(StakingEvents.FractionKey)!.Value.AsDec(), e.Get(StakingEvents.BurnedKey) ?? "");
                    break;
            }
        }
        foreach (var (validator, power) in b.ValidatorUpdates.PowerChanges)
            yield return new EmulatorEvent.ValidatorPowerChanged(b.ChainId, b.Height, b.Instant, validator.Value, power);
    }

    /// <summary>An error ack's reason, from the hex the write_acknowledgement event carries (the ack's own bytes).</summary>
    private static string? ErrorOf(string? hex)
    {
        if (hex is null) return null;
        try
        {
            return Acknowledgement.FromBytes(Convert.FromHexString(hex)).Error;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// A network run's settings: the seed every random draw derives from, the clock's speed, and the genesis time all
/// chains start at.
/// </summary>
public sealed record NetworkSettings(string Seed = "mesh", ClockSettings? Clock = null, Timestamp? GenesisTime = null)
{
    public ClockSettings EffectiveClock => Clock ?? ClockSettings.Max;
    public Timestamp EffectiveGenesisTime => GenesisTime ?? Timestamp.FromSeconds(1_700_000_000);
}

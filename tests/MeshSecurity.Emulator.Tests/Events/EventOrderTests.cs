using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Tests.Events;

public sealed class EventOrderTests
{
    private static readonly Timestamp T = Timestamp.FromSeconds(1_700_000_060);

    [Fact]
    public void Faults_at_one_time_keep_the_order_they_were_injected_in_and_come_before_that_times_blocks()
    {
        var stop = new EmulatorEvent.ChaosInjected("osmosis", 0, T, "relayer.stop", ["osmosis-juno/mesh"], "n1");
        var heal = new EmulatorEvent.ChaosInjected("", 0, T, "heal", ["relayer.stop osmosis->juno"], "n1");
        var block = new EmulatorEvent.BlockCommitted("juno", 3, T, 0, "AA");
        var events = new List<(EmulatorEvent Event, int Index)> { (block, 0), (stop, 1), (heal, 2) };

        events.Sort(EmulatorEvent.Order);

        Assert.Equal(["relayer.stop", "heal", "juno"], events.Select(e => e.Event switch
        {
            EmulatorEvent.ChaosInjected c => c.Fault,
            var other => other.ChainId,
        }));
    }
}

using Akka.Configuration;
using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A downed member's removal reaches the members a few hundred ms apart. A region that saw it before the shard coordinator
/// did asks for a shard's home, is told the dead member's region, and sends the shard's messages there until Akka.Remote's
/// watch failure detector (not the cluster's: the member is no longer one) gives up on that region. With Akka's settings
/// that took 14.6 s, and a killed member's run waited 17.5 s instead of ~5 s one run in three (docs/bench.md, g, "A member
/// killed"); hocon/cluster.conf shortens it, and leaves the cluster's own detector as it was.
/// </summary>
public sealed class RemovedMemberWatchTests
{
    [Fact]
    public void A_removed_members_region_is_given_up_within_seconds_while_members_keep_their_ten_second_pause()
    {
        // over Akka.Remote's own defaults, as a member's actor system reads them
        var config = ClusterHost.Config(new NodeSettings())
            .WithFallback(ConfigurationFactory.FromResource<Akka.Remote.RemoteSettings>("Akka.Remote.Configuration.Remote.conf"));
        var watch = config.GetConfig("akka.remote.watch-failure-detector");

        // the next heartbeat, the wait for its answer, the pause allowed, and the reaper's tick: the longest a region sends to
        // the dead region before it asks the coordinator again (Akka's: 1 + 1 + 10 + 1 s)
        var givenUp = watch.GetTimeSpan("heartbeat-interval") + watch.GetTimeSpan("expected-response-after")
            + watch.GetTimeSpan("acceptable-heartbeat-pause") + watch.GetTimeSpan("unreachable-nodes-reaper-interval");
        Assert.True(givenUp <= TimeSpan.FromSeconds(4), $"a removed member's region is given up after {givenUp.TotalSeconds} s");
        // a member paused for seconds on a loaded machine is still no loss: members watch each other through the cluster
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
    }
}

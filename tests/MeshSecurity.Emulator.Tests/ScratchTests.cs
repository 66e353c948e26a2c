using Akka.Actor;
using System.Diagnostics;
using Akka.TestKit.Xunit2;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

public class ScratchTests(ITestOutputHelper output) : TestKit(output: output)
{
    private readonly ITestOutputHelper _out = output;
    [Fact]
    public async Task Scratch()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "s"));
        var link = await net.StartLinkedAsync();
        await net.BondAsync(link, Alice, 5000);
        for (var i = 0; i < 5; i++)
        {
            await net.SubmitAsync(Osmosis, new Core.Execution.Tx(Alice, [GrantClaim(link, 100, FirstValidator(Juno))], $"g{i}"));
            var sw = Stopwatch.StartNew();
            var run = net.RunForAsync(60);
            net.ChannelRegion.Tell(new ChannelCommand.Crash(link.MeshChannelId));
            await run;
            var info = await net.ChannelInfoAsync(link.MeshChannelId);
            _out.WriteLine($"run {i}: {sw.ElapsedMilliseconds} ms, {info}");
        }
        var remote = await net.RemoteStakeAsync(link, FirstValidator(Juno));
        _out.WriteLine($"remote {remote}");
    }
}

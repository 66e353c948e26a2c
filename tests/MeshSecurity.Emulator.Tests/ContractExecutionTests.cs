using Akka.Actor;
using MeshSecurity.Core;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Diagnostics;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// Contract code run in the chain's own turn (inline) or in each instance's actor gives the same history: a seeded
/// random sequence of bonds, cross-stakes, unstakes, unbonds and slashes, failures included, run once each way, ends
/// with the same transaction outcomes, the same app hash on every chain and the same query answers.
/// </summary>
public class ContractExecutionTests(ITestOutputHelper output)
{
    private static readonly string[] Consumers = [Juno, Stars];
    private static readonly Addr[] Stakers = [Alice, Bob];

    private sealed record Outcome(IReadOnlyList<string> Results, IReadOnlyList<string> Chains, IReadOnlyList<string> Queries,
        IReadOnlyDictionary<string, long> Messages);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Inline_and_actor_execution_give_the_same_app_hashes_on_a_random_run(int seed)
    {
        var inline = await RunAsync(seed, ContractExecution.Inline);
        var actor = await RunAsync(seed, ContractExecution.Actor);
        foreach (var line in inline.Results) output.WriteLine(line);
        foreach (var line in inline.Chains) output.WriteLine(line);

        // the run did something worth comparing: steps that passed and steps that rolled back
        Assert.Contains(inline.Results, r => r.Contains(": ok (", StringComparison.Ordinal));
        Assert.Contains(inline.Results, r => r.Contains(": failed: ", StringComparison.Ordinal));
        Assert.Equal(inline.Results, actor.Results);
        Assert.Equal(inline.Chains, actor.Chains);
        Assert.Equal(inline.Queries, actor.Queries);
        // and each mode ran as it says: no entry point sent to a contract actor inline, every one of them otherwise
        Assert.Equal(0, inline.Messages.GetValueOrDefault(nameof(RunEntryPoint)));
        Assert.True(inline.Messages.GetValueOrDefault(nameof(ContractCommitted)) > 0);
        Assert.True(actor.Messages.GetValueOrDefault(nameof(RunEntryPoint)) > 0);
        Assert.Equal(0, actor.Messages.GetValueOrDefault(nameof(ContractCommitted)));
    }

    private static async Task<Outcome> RunAsync(int seed, ContractExecution mode)
    {
        var name = $"contract-execution-{seed}-{mode.ToString().ToLowerInvariant()}";
        var system = ActorSystem.Create(name, CountingMailbox.SystemConfig);
        try
        {
            await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: $"execution-{seed}", Contracts: mode));
            await net.AddChainsAsync(Consumers);
            var links = new[] { await net.LinkAsync(LinkTo(Juno)), await net.LinkAsync(LinkTo(Stars)) };
            var random = new Random(seed);
            var results = new List<string>();
            for (var step = 0; step < 40; step++)
                results.Add($"{step} {await StepAsync(net, links, random)}");
            await net.RunForAsync(120);

            var chains = new List<string>();
            foreach (var chain in new[] { Osmosis, Juno, Stars })
            {
                var state = await net.ChainRegion.Ask<ChainReply.State>(new ChainCommand.GetState(chain));
                chains.Add($"{chain}@{state.Value.Height} {state.AppHash}");
            }
            var queries = new List<string>();
            foreach (var user in Stakers)
            {
                queries.Add(Core.Wire.ToJson(await net.LockupBalanceAsync(links[0], user)));
                foreach (var link in links) queries.Add(Core.Wire.ToJson(await net.ProviderAccountAsync(link, user)));
            }
            foreach (var link in links)
                queries.Add(Core.Wire.ToJson(await net.RemoteStakeAsync(link, FirstValidator(link.ConsumerChain))));
            return new Outcome(results, chains, queries, MessageCounts.For(system).Snapshot());
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>One random step; amounts are drawn so that some steps fail (claims over the bond, unstakes over the stake).</summary>
    private static async Task<string> StepAsync(MeshNetwork net, MeshLinkInfo[] links, Random random)
    {
        var user = Stakers[random.Next(Stakers.Length)];
        var link = links[random.Next(links.Length)];
        var validator = random.Next(2) == 0 ? FirstValidator(link.ConsumerChain) : SecondValidator(link.ConsumerChain);
        Amount amount = (ulong)random.Next(1, 30) * 100;
        TxResult r;
        string what;
        switch (random.Next(6))
        {
            case 0:
                what = $"bond {amount}";
                r = await net.ExecuteAsync(Osmosis, user, new CosmosMsg.WasmExecute(link.Lockup, new LockupMsg.Execute.Bond(),
                    Coins.Of("uosmo", amount)));
                break;
            case 1 or 2:
                what = $"grant {amount} on {link.ConsumerChain}";
                r = await net.ExecuteAsync(Osmosis, user, GrantClaim(link, amount, validator));
                break;
            case 3:
                amount = (ulong)random.Next(1, 6) * 100; // small, so that some unstakes pass
                what = $"unstake {amount} on {link.ConsumerChain}";
                r = await net.ProviderAsync(link, user, new ProviderMsg.Execute.Unstake(amount, validator.Value));
                break;
            case 4:
                what = $"unbond {amount}";
                r = await net.LockupAsync(link, user, new LockupMsg.Execute.Unbond(amount));
                break;
            default:
                var (a, b) = await net.DoubleSignAsync(link.ConsumerChain, validator);
                what = $"slash {validator} on {link.ConsumerChain}";
                r = await net.ExecuteAsync(Osmosis, Reporter, new CosmosMsg.WasmExecute(link.Slasher,
                    new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(a, b)), Coins.Empty));
                break;
        }
        await net.RunForAsync(random.Next(1, 40));
        return $"{user} {what}: " + (r.IsSuccess ? $"ok ({r.Events.Length} events)" : $"failed: {r.Error}");
    }
}

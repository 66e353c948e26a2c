using MeshSecurity.Core.Tests.Support;
using CsCheck;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Math;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

public sealed class ConsumerPropertyTests
{
    private static readonly string[] Validators = [Validator, Validator2, "testvaloper1gamma"];
    private static readonly string[] Rates = ["0.1", "0.3", "0.07", "1", "2.5", "0.333333333333333333"];

    private static readonly Gen<ProviderPacket> Packet =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, Validators.Length - 1], Gen.ULong[0, 250])
            .Select(t => t.Item1 switch
            {
                0 => (ProviderPacket)new ProviderPacket.Stake(Validators[t.Item2], t.Item3, Staker),
                1 => new ProviderPacket.Unstake(Validators[t.Item2], t.Item3, Staker),
                _ => new ProviderPacket.Burn(Validators[t.Item2], t.Item3),
            });

    [Fact]
    public void Any_sequence_of_stake_unstake_and_burn_keeps_the_delegations_equal_to_the_floor_of_remote_stake_times_rate()
    {
        Gen.Select(Gen.Int[0, Rates.Length - 1], Packet.Array[1, 40]).SampleSeeded(t =>
        {
            var rig = new ConsumerMetaStakingRig(Rates[t.Item1], 1_000_000);
            var expected = Validators.ToDictionary(v => v, _ => Amount.Zero);
            foreach (var packet in t.Item2)
            {
                var error = rig.Receive(packet);
                switch (packet)
                {
                    case ProviderPacket.Stake s:
                        Assert.Null(error);
                        expected[s.Validator] += s.Amount;
                        break;
                    case ProviderPacket.Unstake u when u.Amount > expected[u.Validator]:
                        Assert.IsType<ConsumerError.InsufficientStake>(error);
                        break;
                    case ProviderPacket.Unstake u:
                        Assert.Null(error);
                        expected[u.Validator] -= u.Amount;
                        break;
                    case ProviderPacket.Burn b:
                        Assert.Null(error);
                        expected[b.Validator] -= Amount.Min(b.Amount, expected[b.Validator]);
                        break;
                }

                var total = Amount.Zero;
                foreach (var v in Validators)
                {
                    var local = expected[v].MulFloor(rig.Rate);
                    Assert.Equal(expected[v], rig.RemoteStake(v));
                    Assert.Equal(local, rig.MetaDelegation(v));
                    Assert.Equal(local, rig.RealDelegation(v));
                    total += local;
                }
                var consumer = rig.MetaConsumer();
                Assert.Equal(total, consumer.TotalStaked); // M3
                Assert.True(consumer.TotalStaked <= consumer.AvailableFunds); // M1
            }
        }, iter: 300);
    }
}

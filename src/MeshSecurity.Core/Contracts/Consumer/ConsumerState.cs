using System.Collections.Immutable;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// mesh-consumer's storage. Immutable; maps are sorted (ordinal), so iteration is the same everywhere.
/// <see cref="RemoteStakes"/> is this provider's stake per validator in provider tokens (B9: the local delegation is
/// always floor(remote × rate), never a sum of per-packet floors). <see cref="UndeliveredRewards"/> holds reward coins
/// whose packet failed (B8). <see cref="ResentValsetUpdates"/> holds the UpdateValidators packets (base64 of their
/// data) already resent once, so a second failure drops them.
/// </summary>
public sealed record ConsumerState(
    ConsumerState.Settings Config,
    string? Channel,
    ImmutableSortedDictionary<string, Amount> RemoteStakes,
    ImmutableSortedDictionary<string, Coins> UndeliveredRewards,
    ImmutableSortedSet<string> ResentValsetUpdates)
{
    public sealed record Settings(
        ConsumerMsg.ProviderInfo Provider,
        Dec Rate,
        Addr MetaStaking,
        string Ics20Channel,
        string ProviderAddress,
        ulong PacketLifetime);

    public static ConsumerState Create(Settings config) => new(
        config,
        null,
        ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, Coins>(StringComparer.Ordinal),
        ImmutableSortedSet.Create<string>(StringComparer.Ordinal));

    public Amount RemoteStake(string validator) => RemoteStakes.GetValueOrDefault(validator, Amount.Zero);

    /// <summary>What meta-staking must hold for this provider on a validator: floor(remote × rate).</summary>
    public Amount LocalOf(Amount remote) => remote.MulFloor(Config.Rate);

    /// <summary>Sets a validator's remote stake; a zero stake drops the record.</summary>
    public ConsumerState WithRemoteStake(string validator, Amount amount) => this with
    {
        RemoteStakes = amount.IsZero ? RemoteStakes.Remove(validator) : RemoteStakes.SetItem(validator, amount),
    };

    public Coins Undelivered(string validator) => UndeliveredRewards.GetValueOrDefault(validator, Coins.Empty);

    public ConsumerState WithUndelivered(string validator, Coins coins) => this with
    {
        UndeliveredRewards = coins.IsEmpty ? UndeliveredRewards.Remove(validator) : UndeliveredRewards.SetItem(validator, coins),
    };

    public IbcTimeout PacketTimeout(Env env) => IbcTimeout.AtTime(env.Time.PlusSeconds(Config.PacketLifetime));
}

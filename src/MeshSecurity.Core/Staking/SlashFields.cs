using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>The staking module's <c>slash</c> event: validator, infraction height, fraction, burned coins (with their denom).</summary>
internal sealed class SlashFields(Addr validator, ulong infractionHeight, Dec fraction, string burned) : EventFields
{
    public static Event Event(Addr validator, ulong infractionHeight, Dec fraction, string burned) =>
        new(StakingEvents.Slash, new SlashFields(validator, infractionHeight, fraction, burned));

    public override int Count => 4;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(StakingEvents.ValidatorKey, validator.Value),
        1 => new(StakingEvents.InfractionHeightKey, infractionHeight),
        2 => new(StakingEvents.FractionKey, fraction),
        3 => new(StakingEvents.BurnedKey, burned),
        _ => throw Beyond(index, Count),
    };
}

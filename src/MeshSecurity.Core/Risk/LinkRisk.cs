using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Risk;

/// <summary>
/// What <see cref="RestakingRisk"/> needs of a provider → consumer link: consumer tokens per provider token (the fixed
/// rate, or the price feed's latest discounted price) and the fraction its mesh-slasher slashes on the provider.
/// </summary>
public sealed record LinkRisk(string Provider, string Consumer, Dec Rate, Dec SlashFraction);

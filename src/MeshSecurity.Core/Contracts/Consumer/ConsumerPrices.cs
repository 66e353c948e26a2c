using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// The price feed that may replace the seed's fixed rate (production's converter with a simple price feed; the
/// arithmetic is <see cref="PriceRule"/>, the scenario side docs/scenarios.md "Prices").
/// </summary>
public sealed partial class ConsumerContract
{
    /// <summary>A feed's discount must be below 1 (a discount of 1 values every stake at nothing); its oracle a valid address.</summary>
    private static ConsumerMsg.PriceFeed? CheckFeed(ContractContext ctx, ConsumerMsg.PriceFeed? feed)
    {
        if (feed is null) return null;
        if (feed.Discount >= Dec.One)
            throw new Errors.StdError.Generic($"a price feed's discount must be below 1, got {feed.Discount}").Raise();
        ctx.Validate(feed.Oracle);
        return feed;
    }

    /// <summary>Only the feed's oracle, and only with a feed: a positive price, published now.</summary>
    private static (ConsumerState, Response) UpdatePrice(ContractContext ctx, MessageInfo info, ConsumerState state, Dec price)
    {
        var feed = state.Config.Feed ?? throw new ConsumerError.Unauthorized().Raise();
        if (info.Sender != new Addr(feed.Oracle)) throw new ConsumerError.Unauthorized().Raise();
        if (price.IsZero) throw new Errors.StdError.Generic("a price must be above 0").Raise();
        return (state with { Price = new ConsumerState.PriceReading(price, ctx.Env.Time) },
            Response.WithAttribute(ConsumerEvents.ActionKey, ConsumerEvents.UpdatePrice).AddAttribute(ConsumerEvents.PriceKey, price));
    }
}

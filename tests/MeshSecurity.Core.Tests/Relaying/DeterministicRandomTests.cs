using MeshSecurity.Core.Relaying;
using Xunit;

namespace MeshSecurity.Core.Tests.Relaying;

public class DeterministicRandomTests
{
    // the 53 high bits of SHA-256("seed|scope|kind|index") read little-endian, as every earlier version drew them: a change
    // here would move every block time and relayer latency of every seeded run
    [Theory]
    [InlineData("bench-ring", "r001", "block", 7UL, 3994132895853540UL)]
    [InlineData("", "", "", 0UL, 1222710782332794UL)]
    [InlineData("sé€d", "chain-Ω", "latency", ulong.MaxValue, 1682081088996172UL)]
    public void A_draw_is_the_same_function_of_its_name_as_before(string seed, string scope, string kind, ulong index, ulong bits) =>
        Assert.Equal(bits / (double)(1UL << 53), DeterministicRandom.Unit(seed, scope, kind, index));

    [Fact]
    public void A_name_longer_than_the_stack_buffer_draws_as_before() =>
        Assert.Equal(3752826767870517UL / (double)(1UL << 53), DeterministicRandom.Unit(new string('x', 600), "y", "z", 42));
}

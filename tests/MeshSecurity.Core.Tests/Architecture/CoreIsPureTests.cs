using System.Reflection;
using MeshSecurity.Core.Chain;

namespace MeshSecurity.Core.Tests.Architecture;

public class CoreIsPureTests
{
    private static readonly Assembly Core = typeof(ChainState).Assembly;

    [Fact]
    public void Core_references_no_Akka_assembly()
    {
        var akka = Core.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("Akka", StringComparison.Ordinal)).ToList();
        Assert.Empty(akka);
    }

    [Fact]
    public void Core_has_no_mutable_static_fields()
    {
        // Deterministic replay needs every chain's state in its own objects: no static mutable state in Core.
        var offenders = Core.GetTypes()
            .Where(t => !t.Name.StartsWith('<'))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.Name.Contains('<'))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();
        Assert.Empty(offenders);
    }
}

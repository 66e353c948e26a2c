using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace MeshSecurity.Core.Tests.Architecture;

/// <summary>
/// MeshSecurity.Core.Testing (Coordinator, Path, MeshSetup) is for tests: the emulator, the scenario runner and the
/// CLI must not use it. Their assemblies are built and copied next to these tests (see the .csproj), and their
/// metadata lists every type and member they use from another assembly.
/// </summary>
public class NoTestingInProductionTests
{
    private const string Testing = "MeshSecurity.Core.Testing";

    /// <summary>The assembly of every project under src but Core.</summary>
    private static readonly string[] Production = ["MeshSecurity.Emulator", "MeshSecurity.Scenarios", "meshsec"];

    /// <summary>
    /// Uses still waiting for a file another change owns. MeshNetwork.Start's default codes: MeshNetwork.cs is being
    /// rewritten, and then calls MeshContracts.Codes(); this list empties with it.
    /// </summary>
    [Fact]
    public void No_production_assembly_uses_a_type_of_Core_Testing()
    {
        var uses = Production.SelectMany(TestingUses).ToList();
        Assert.Empty(uses);
    }

    [Fact]
    public void Every_production_project_is_checked()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "MeshSecurity.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var assemblies = Directory.GetFiles(System.IO.Path.Combine(root.FullName, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => System.IO.Path.GetFileNameWithoutExtension(p) != "MeshSecurity.Core")
            .Select(p => Regex.Match(File.ReadAllText(p), "<AssemblyName>(.+?)</AssemblyName>") is { Success: true } m
                ? m.Groups[1].Value
                : System.IO.Path.GetFileNameWithoutExtension(p));
        Assert.Equal(Production.Order(StringComparer.Ordinal), assemblies.Order(StringComparer.Ordinal));
    }

    /// <summary>"Assembly: Type.Member" for each member of Core.Testing the assembly uses, "Assembly: Type" for a type used so.</summary>
    private static IEnumerable<string> TestingUses(string assembly)
    {
        var file = System.IO.Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        Assert.True(File.Exists(file), $"{file} is missing: Core.Tests.csproj copies every production assembly next to the tests");
        using var pe = new PEReader(File.OpenRead(file));
        var md = pe.GetMetadataReader();
        var types = new Dictionary<EntityHandle, string>();
        foreach (var handle in md.TypeReferences)
            if (FullName(md, handle) is { } name && (name.StartsWith(Testing + ".", StringComparison.Ordinal))) types[handle] = name;
        var members = md.MemberReferences.Select(md.GetMemberReference).Where(m => types.ContainsKey(m.Parent))
            .Select(m => (Type: types[m.Parent], Name: $"{types[m.Parent]}.{md.GetString(m.Name)}")).ToList();
        return types.Values.Where(t => members.All(m => m.Type != t)).Concat(members.Select(m => m.Name)).Distinct()
            .Order(StringComparer.Ordinal).Select(u => $"{assembly}: {u}");
    }

    private static string FullName(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        var name = md.GetString(type.Name);
        // a nested type's namespace is its enclosing type's
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{FullName(md, (TypeReferenceHandle)type.ResolutionScope)}+{name}"
            : $"{md.GetString(type.Namespace)}.{name}";
    }
}

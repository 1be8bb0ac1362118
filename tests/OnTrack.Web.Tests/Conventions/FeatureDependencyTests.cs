using System.Reflection;
using System.Reflection.Emit;
using OnTrack.Web.Data;

namespace OnTrack.Web.Tests.Conventions;

/// <summary>
/// Features depend on each other in one direction only, so that one can be read, changed and tested
/// without the rest: a cycle (Measures using Course using Measures) fails here, naming a type on each
/// side. Dependencies are read from the compiled code — signatures, attributes and method bodies, pages
/// included — so a fully qualified name or a global using cannot hide one.
/// </summary>
public sealed class FeatureDependencyTests
{
    private const string FeaturesNamespace = "OnTrack.Web.Features.";

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void Features_DependOnEachOther_WithoutCycles()
    {
        var edges = FeatureEdges(typeof(OnTrackDbContext).Assembly);
        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).ToList();
        var explained = cycles.Select(cycle => string.Join("; ", edges
            .Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} → {e.Key.To} ({e.Value})")));
        Assert.True(cycles.Count == 0, "Features that depend on each other: " + string.Join(" | ", explained));
    }

    /// <summary>The layers of docs/architecture.md, lowest first: a feature uses only features before it.</summary>
    private static readonly string[] Layers =
        ["Clinics", "Jobs", "Notifications", "Staff", "Clients", "Scheduling", "CareTeams", "Instruments", "Measures", "Course", "Plans", "Notes", "Outcomes", "Reviews", "Lifestyle", "Matching", "Interop", "Audit"];

    [Fact]
    public void Features_UseOnlyTheLayersBelowThem()
    {
        var edges = FeatureEdges(typeof(OnTrackDbContext).Assembly);
        var unknown = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Where(f => !Layers.Contains(f)).ToList();
        Assert.True(unknown.Count == 0, $"Place these features in the layers (here and in docs/architecture.md): {string.Join(", ", unknown)}");
        var upward = edges.Where(e => Array.IndexOf(Layers, e.Key.To) > Array.IndexOf(Layers, e.Key.From))
            .Select(e => $"{e.Key.From} → {e.Key.To} ({e.Value})").ToList();
        Assert.True(upward.Count == 0, "Features that use a feature above them: " + string.Join("; ", upward));
    }

    [Fact]
    public void TheDependencyReader_FindsAReferenceInAMethodBody()
    {
        // The check must be able to fail: this test class's own method body names OnTrackDbContext.
        var found = Referenced(typeof(FeatureDependencyTests)).ToList();
        Assert.Contains(typeof(OnTrackDbContext), found);
    }

    /// <summary>Feature → feature, with one example of the types that make the edge.</summary>
    private static Dictionary<(string From, string To), string> FeatureEdges(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (FeatureOf(type) is not { } from)
            {
                continue;
            }

            foreach (var used in Referenced(type).Distinct())
            {
                if (FeatureOf(used) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{Outer(type).Name} uses {Outer(used).Name}");
                }
            }
        }

        return edges;
    }

    private static Type Outer(Type type) => type.DeclaringType is { } outer ? Outer(outer) : type;

    private static string? FeatureOf(Type type)
    {
        var ns = Outer(type).Namespace;
        return ns is not null && ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal) ? ns[FeaturesNamespace.Length..].Split('.')[0] : null;
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type?> { type.BaseType };
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        direct.AddRange(type.GetFields(all).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }

            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            direct.AddRange(InBody(method));
        }

        return direct.OfType<Type>().SelectMany(Expand);
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var inner in Expand(element))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The types named by the tokens of a method's IL: calls, field access, casts, typeof, new.</summary>
    private static IEnumerable<Type> InBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }

        var found = new List<Type>();
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            var value = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += value > 0xFF || value < 0 ? 2 : 1;
            if (!OpCodesByValue.TryGetValue(value, out var op))
            {
                break;
            }

            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    try
                    {
                        var member = method.Module.ResolveMember(token, typeArgs, methodArgs);
                        if (member is Type t)
                        {
                            found.Add(t);
                        }
                        else if (member?.DeclaringType is { } owner)
                        {
                            found.Add(owner);
                            if (member is MethodInfo { IsGenericMethod: true } generic)
                            {
                                found.AddRange(generic.GetGenericArguments());
                            }
                        }
                    }
                    catch (ArgumentException)
                    {
                        // A token inside an open generic context that cannot be resolved here: skip it.
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                default:
                    i += 4;
                    break;
            }
        }

        return found;
    }

    /// <summary>Tarjan's strongly connected components: each set of features that reach each other.</summary>
    private static List<HashSet<string>> StronglyConnected(Dictionary<(string From, string To), string> edges)
    {
        var nodes = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        var next = edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<HashSet<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (stack.Contains(to))
                {
                    low[node] = Math.Min(low[node], index[to]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new HashSet<string>(StringComparer.Ordinal);
                string popped;
                do
                {
                    popped = stack.Pop();
                    component.Add(popped);
                }
                while (popped != node);
                components.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return components;
    }
}

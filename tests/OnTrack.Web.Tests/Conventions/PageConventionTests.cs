using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;

namespace OnTrack.Web.Tests.Conventions;

/// <summary>Pages go through the features: their query and use-case classes, ClientAccess and the named policies.</summary>
public sealed class PageConventionTests
{
    private static readonly Type[] Components = typeof(OnTrackDbContext).Assembly.GetTypes()
        .Where(t => typeof(ComponentBase).IsAssignableFrom(t) && !t.IsAbstract).ToArray();

    [Fact]
    public void Pages_NeverGetTheDbContext_OnlyTheFeaturesClasses()
    {
        var offenders = Components
            .SelectMany(c => c.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null)
                .Where(p => typeof(DbContext).IsAssignableFrom(p.PropertyType) || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IDbContextFactory<>)))
                .Select(p => $"{c.Name}.{p.Name}"))
            .ToList();
        Assert.True(Components.Length > 20, "the components were not found");
        Assert.True(offenders.Count == 0, $"Call a feature's query or use-case class instead: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Pages_AreAuthorizedByNamedPolicies_NotRoleLists()
    {
        var offenders = Components
            .SelectMany(c => c.GetCustomAttributes<AuthorizeAttribute>().Where(a => a.Roles is not null).Select(_ => c.Name))
            .ToList();
        Assert.True(offenders.Count == 0, $"Use [Authorize(Policy = Policies.X)]: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Pages_AskPoliciesOrClientAccess_NeverTheCallersRoles()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "OnTrack.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        var roleChecks = new System.Text.RegularExpressions.Regex(@"Caller\.(IsAdmin|IsReception|IsStaff|SeesWholeClinic)\b|IsInRole\(");
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.razor", SearchOption.AllDirectories)
            .Where(f => roleChecks.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f)).ToList();
        Assert.True(offenders.Count == 0, $"Ask PagePolicies (a named policy) or ClientAccess instead: {string.Join(", ", offenders)}");
    }
}

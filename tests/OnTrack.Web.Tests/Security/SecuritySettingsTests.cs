using Microsoft.Extensions.Options;
using OnTrack.Web.Security;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Security;

/// <summary>Wrong security settings stop start-up with a message naming the setting.</summary>
public sealed class SecuritySettingsTests
{
    [Theory]
    [InlineData("OnTrack:RateLimits:SignInPerAddress:PermitLimit", "0", "OnTrack:RateLimits:SignInPerAddress")]
    [InlineData("OnTrack:RateLimits:BookingPerAddress:Window", "00:00:00", "OnTrack:RateLimits:BookingPerAddress")]
    [InlineData("OnTrack:RateLimits:LockoutDuration", "-00:01:00", "OnTrack:RateLimits:LockoutDuration")]
    [InlineData("OnTrack:Proxies:Trusted:0", "the proxy", "OnTrack:Proxies:Trusted")]
    public async Task WrongSetting_StopsStartUp_NamingIt(string key, string value, string named)
    {
        var app = new SqliteApp();
        app.Set(key, value);
        try
        {
            var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Server);
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void Defaults_AreValid_AndTrustOnlyThisMachine()
    {
        Assert.All(new RateLimitOptions().All(), l => Assert.True(l.Limit.PermitLimit > 0 && l.Limit.Window > TimeSpan.Zero));
        Assert.All(new ProxyOptions().Networks(), n => Assert.True(System.Net.IPAddress.IsLoopback(n.BaseAddress)));
    }
}

using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>Signs JWTs the way an identity provider would, with a key the test host trusts.</summary>
public static class TestTokens
{
    public const string Issuer = "loyalty-tests";
    public const string Audience = "loyalty-api-tests";

    public static readonly byte[] SigningKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    public static string Member(string subject) => Create(subject);

    public static string Admin(string subject = "admin@test") => Create(subject, "admin");

    public static string Marketing(string subject = "marketing@test") => Create(subject, "marketing");

    public static string Create(string subject, params string[] roles)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            // The bearer handler checks lifetimes against the wall clock, not the API's TimeProvider, so a token's
            // lifetime is wall-clock time whatever instant the test clock is pinned or travelled to.
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(SigningKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}

using Microsoft.AspNetCore.Identity;

namespace GeoGrid.Server.Access;

/// <summary>
/// Password hashing by ASP.NET Core Identity's standard hasher (PBKDF2 with HMAC-SHA512, 100,000
/// iterations, a random salt, the format versioned so it can be raised later), shared by sign-in and
/// the CLI that sets passwords.
/// </summary>
public static class Passwords
{
    private static readonly PasswordHasher<string> s_hasher = new();

    /// <summary>Shortest password GeoGrid takes; generated ones are longer.</summary>
    public const int MinimumLength = 10;

    public static string Hash(string password) => s_hasher.HashPassword(string.Empty, password);

    public static bool Verify(string hash, string password) => s_hasher.VerifyHashedPassword(string.Empty, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>A new password a person can type: 16 characters without look-alikes (0/O, 1/l/I).</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, 16);
    }
}

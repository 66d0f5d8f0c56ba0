using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace System;

// Newer BCL members the shared sources use, supplied as C# 14 extension members for netstandard2.0.
internal static class BclExtensions
{
    extension(ArgumentNullException)
    {
        public static void ThrowIfNull(object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(ArgumentException)
    {
        public static void ThrowIfNullOrWhiteSpace(string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (string.IsNullOrWhiteSpace(argument))
            {
                throw new ArgumentException("The value cannot be null, empty or white space.", paramName);
            }
        }
    }

    extension(Convert)
    {
        public static string ToHexStringLower(byte[] bytes) => ToHexStringLower(bytes, 0, bytes.Length);

        public static string ToHexStringLower(byte[] bytes, int offset, int length)
        {
            var builder = new StringBuilder(length * 2);
            for (var i = offset; i < offset + length; i++)
            {
                builder.Append(bytes[i].ToString("x2", Globalization.CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }

    extension(SHA256)
    {
        public static byte[] HashData(byte[] data)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(data);
        }

        public static byte[] HashData(Stream data)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(data);
        }
    }

    extension<TKey, TValue>(Dictionary<TKey, TValue> dictionary)
        where TKey : notnull
    {
        public bool TryAdd(TKey key, TValue value)
        {
            if (dictionary.ContainsKey(key))
            {
                return false;
            }

            dictionary.Add(key, value);
            return true;
        }
    }

    extension(string text)
    {
        public bool Contains(char value, StringComparison comparison) => text.IndexOf(value.ToString(), comparison) >= 0;

        public bool Contains(string value, StringComparison comparison) => text.IndexOf(value, comparison) >= 0;

        public bool Contains(char value) => text.IndexOf(value) >= 0;

        public int IndexOf(char value, StringComparison comparison) => text.IndexOf(value.ToString(), comparison);

        public bool StartsWith(char value) => text.Length > 0 && text[0] == value;

        public bool EndsWith(char value) => text.Length > 0 && text[text.Length - 1] == value;

        public string Replace(string oldValue, string? newValue, StringComparison comparison) =>
            comparison == StringComparison.Ordinal ? text.Replace(oldValue, newValue) : throw new NotSupportedException("only ordinal replacement is polyfilled");

        public string[] Split(char separator, StringSplitOptions options) => text.Split(new[] { separator }, options);
    }
}

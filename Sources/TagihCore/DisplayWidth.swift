/// Terminal columns a string takes: combining marks and zero-width characters
/// take none, East Asian wide characters and emoji take two, the rest one.
///
/// A table of its own rather than the C library's `wcwidth`, which answers
/// only under a UTF-8 locale: reports and screens must line up the same in a
/// cron job's `C` locale as at a collector's terminal.
public func displayWidth(_ s: String) -> Int {
    var w = 0
    for u in s.unicodeScalars { w += displayWidth(u) }
    return w
}

public func displayWidth(_ u: Unicode.Scalar) -> Int {
    switch u.value {
    case 0x0000..<0x0020, 0x007F..<0x00A0: return 0
    case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
         0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
         0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F: return 0
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
         0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
         0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD: return 2
    default: return 1
    }
}

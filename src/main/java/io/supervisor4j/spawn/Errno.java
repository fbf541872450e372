package io.supervisor4j.spawn;

import java.util.HashMap;
import java.util.Map;

/**
 * Linux errno numbers and their symbolic names, as Python's {@code errno.errorcode} prints them (supervisord puts
 * these names in its messages, e.g. {@code couldn't chdir to /nope: ENOENT}). The numbers are the same on x86_64
 * and aarch64 (both use the asm-generic values).
 */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int EBADF = 9;
  public static final int ECHILD = 10;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int ENOTDIR = 20;
  public static final int EINVAL = 22;
  public static final int ENFILE = 23;
  public static final int EMFILE = 24;
  public static final int EPIPE = 32;
  public static final int ERANGE = 34;

  private static final Map<Integer, String> NAMES = new HashMap<>();

  static {
    NAMES.put(1, "EPERM");
    NAMES.put(2, "ENOENT");
    NAMES.put(3, "ESRCH");
    NAMES.put(4, "EINTR");
    NAMES.put(5, "EIO");
    NAMES.put(6, "ENXIO");
    NAMES.put(7, "E2BIG");
    NAMES.put(8, "ENOEXEC");
    NAMES.put(9, "EBADF");
    NAMES.put(10, "ECHILD");
    NAMES.put(11, "EAGAIN");
    NAMES.put(12, "ENOMEM");
    NAMES.put(13, "EACCES");
    NAMES.put(14, "EFAULT");
    NAMES.put(15, "ENOTBLK");
    NAMES.put(16, "EBUSY");
    NAMES.put(17, "EEXIST");
    NAMES.put(18, "EXDEV");
    NAMES.put(19, "ENODEV");
    NAMES.put(20, "ENOTDIR");
    NAMES.put(21, "EISDIR");
    NAMES.put(22, "EINVAL");
    NAMES.put(23, "ENFILE");
    NAMES.put(24, "EMFILE");
    NAMES.put(25, "ENOTTY");
    NAMES.put(26, "ETXTBSY");
    NAMES.put(27, "EFBIG");
    NAMES.put(28, "ENOSPC");
    NAMES.put(29, "ESPIPE");
    NAMES.put(30, "EROFS");
    NAMES.put(31, "EMLINK");
    NAMES.put(32, "EPIPE");
    NAMES.put(33, "EDOM");
    NAMES.put(34, "ERANGE");
    NAMES.put(35, "EDEADLOCK");
    NAMES.put(36, "ENAMETOOLONG");
    NAMES.put(37, "ENOLCK");
    NAMES.put(38, "ENOSYS");
    NAMES.put(39, "ENOTEMPTY");
    NAMES.put(40, "ELOOP");
    NAMES.put(42, "ENOMSG");
    NAMES.put(43, "EIDRM");
    NAMES.put(44, "ECHRNG");
    NAMES.put(45, "EL2NSYNC");
    NAMES.put(46, "EL3HLT");
    NAMES.put(47, "EL3RST");
    NAMES.put(48, "ELNRNG");
    NAMES.put(49, "EUNATCH");
    NAMES.put(50, "ENOCSI");
    NAMES.put(51, "EL2HLT");
    NAMES.put(52, "EBADE");
    NAMES.put(53, "EBADR");
    NAMES.put(54, "EXFULL");
    NAMES.put(55, "ENOANO");
    NAMES.put(56, "EBADRQC");
    NAMES.put(57, "EBADSLT");
    NAMES.put(59, "EBFONT");
    NAMES.put(60, "ENOSTR");
    NAMES.put(61, "ENODATA");
    NAMES.put(62, "ETIME");
    NAMES.put(63, "ENOSR");
    NAMES.put(64, "ENONET");
    NAMES.put(65, "ENOPKG");
    NAMES.put(66, "EREMOTE");
    NAMES.put(67, "ENOLINK");
    NAMES.put(68, "EADV");
    NAMES.put(69, "ESRMNT");
    NAMES.put(70, "ECOMM");
    NAMES.put(71, "EPROTO");
    NAMES.put(72, "EMULTIHOP");
    NAMES.put(73, "EDOTDOT");
    NAMES.put(74, "EBADMSG");
    NAMES.put(75, "EOVERFLOW");
    NAMES.put(76, "ENOTUNIQ");
    NAMES.put(77, "EBADFD");
    NAMES.put(78, "EREMCHG");
    NAMES.put(79, "ELIBACC");
    NAMES.put(80, "ELIBBAD");
    NAMES.put(81, "ELIBSCN");
    NAMES.put(82, "ELIBMAX");
    NAMES.put(83, "ELIBEXEC");
    NAMES.put(84, "EILSEQ");
    NAMES.put(85, "ERESTART");
    NAMES.put(86, "ESTRPIPE");
    NAMES.put(87, "EUSERS");
    NAMES.put(88, "ENOTSOCK");
    NAMES.put(89, "EDESTADDRREQ");
    NAMES.put(90, "EMSGSIZE");
    NAMES.put(91, "EPROTOTYPE");
    NAMES.put(92, "ENOPROTOOPT");
    NAMES.put(93, "EPROTONOSUPPORT");
    NAMES.put(94, "ESOCKTNOSUPPORT");
    NAMES.put(95, "ENOTSUP");
    NAMES.put(96, "EPFNOSUPPORT");
    NAMES.put(97, "EAFNOSUPPORT");
    NAMES.put(98, "EADDRINUSE");
    NAMES.put(99, "EADDRNOTAVAIL");
    NAMES.put(100, "ENETDOWN");
    NAMES.put(101, "ENETUNREACH");
    NAMES.put(102, "ENETRESET");
    NAMES.put(103, "ECONNABORTED");
    NAMES.put(104, "ECONNRESET");
    NAMES.put(105, "ENOBUFS");
    NAMES.put(106, "EISCONN");
    NAMES.put(107, "ENOTCONN");
    NAMES.put(108, "ESHUTDOWN");
    NAMES.put(109, "ETOOMANYREFS");
    NAMES.put(110, "ETIMEDOUT");
    NAMES.put(111, "ECONNREFUSED");
    NAMES.put(112, "EHOSTDOWN");
    NAMES.put(113, "EHOSTUNREACH");
    NAMES.put(114, "EALREADY");
    NAMES.put(115, "EINPROGRESS");
    NAMES.put(116, "ESTALE");
    NAMES.put(117, "EUCLEAN");
    NAMES.put(118, "ENOTNAM");
    NAMES.put(119, "ENAVAIL");
    NAMES.put(120, "EISNAM");
    NAMES.put(121, "EREMOTEIO");
    NAMES.put(122, "EDQUOT");
    NAMES.put(123, "ENOMEDIUM");
    NAMES.put(124, "EMEDIUMTYPE");
    NAMES.put(125, "ECANCELED");
    NAMES.put(126, "ENOKEY");
    NAMES.put(127, "EKEYEXPIRED");
    NAMES.put(128, "EKEYREVOKED");
    NAMES.put(129, "EKEYREJECTED");
    NAMES.put(130, "EOWNERDEAD");
    NAMES.put(131, "ENOTRECOVERABLE");
    NAMES.put(132, "ERFKILL");
    NAMES.put(133, "EHWPOISON");
  }

  private Errno() {}

  /** The symbolic name ({@code ENOENT}), or the number itself as Python prints unknown codes. */
  public static String name(int errno) {
    return NAMES.getOrDefault(errno, Integer.toString(errno));
  }
}

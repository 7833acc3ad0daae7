import { createContext, ReactNode, useContext, useEffect, useState } from 'react';

/**
 * One ticker for a whole page: every countdown on it reads the same `now`,
 * which moves once a second. Countdowns are computed from the clocks' `dueAt`
 * in the browser; nothing is fetched to make them move.
 */
const NowContext = createContext<number>(Date.now());

export function NowProvider({ children }: { children: ReactNode }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
}

export function useNow(): number {
  return useContext(NowContext);
}
